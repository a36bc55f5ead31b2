/**
 * Every domain event Stockroom records, with its payload. Events are
 * written to `outbox_events` in the transaction that caused them and
 * delivered to plugin listeners as jobs, so payloads hold ids and small
 * facts, never models. Names are past tense.
 */
export interface DomainEvents {
  StaffSignedIn: { staffUserId: number; email: string; ip: string; userAgent: string | null; at: string }
  ProductCreated: { productId: number }
  ProductUpdated: { productId: number }
  StockLow: { variantId: number; available: number; threshold: number }
  CustomerRegistered: { customerId: number; email: string }
  OrderPlaced: { orderId: number }
  OrderPaid: { orderId: number; amount: number; currency: string }
  OrderCancelled: { orderId: number; reason: string }
  OrderFulfilled: { orderId: number; fulfillmentId: number }
  OrderRefunded: { orderId: number; amount: number; currency: string }
  PaymentFailed: { orderId: number; reason: string }
}
