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
  /**
   * A customer erased their account (app/actions/accounts/delete_customer_account.ts).
   * Plugins erase what they keep about them; the id is all they get, since the
   * event itself must not keep the address it asks them to forget.
   */
  CustomerErased: { customerId: number }
  /**
   * An address joined the newsletter list, or came back to it
   * (app/actions/newsletter/). For a marketing plugin to sync; the email is
   * lower-cased. Not raised when an address already on the list signs up again.
   */
  NewsletterSubscribed: { subscriberId: number; email: string; source: string }
  /** An address left the newsletter list (emailed link or the account page). */
  NewsletterUnsubscribed: { subscriberId: number; email: string }
  /** An account email to send (app/accounts/account_emails.ts); the link's token is encrypted. */
  AccountEmailRequested: {
    kind: 'verify_email' | 'reset_password' | 'confirm_email_change' | 'email_changed'
    /** whose account it is about (absent on events recorded before it was added) */
    customerId?: number
    to: string
    tokenId: number
    name?: string | null
    oldEmail?: string
    newEmail?: string
    sealedToken: string | null
  }
  OrderPlaced: { orderId: number }
  OrderPaid: { orderId: number; amount: number; currency: string }
  OrderCancelled: { orderId: number; reason: string }
  /** staff packed the parcel (a timeline milestone, not a status: app/actions/orders/mark_order_packed.ts) */
  OrderPacked: { orderId: number }
  OrderFulfilled: { orderId: number; fulfillmentId: number }
  OrderDelivered: { orderId: number }
  OrderRefunded: { orderId: number; amount: number; currency: string }
  PaymentFailed: { orderId: number; reason: string }
  /**
   * Staff asked for an order email again (admin order page). Its own event so
   * OrderPaid/OrderFulfilled listeners (analytics, webhooks) never count twice.
   */
  OrderEmailResendRequested: {
    orderId: number
    template: 'order_confirmation' | 'order_shipped'
    fulfillmentId: number | null
    requestedBy: number | null
  }
  /** first-party storefront counts since the last flush, per UTC quarter hour (no visitor data) */
  StorefrontTrafficCounted: { buckets: Array<{ at: string; visits: number; carts: number; checkouts: number }> }
}
