/**
 * PaymentDriver: how checkout takes money. Drivers are registered by the
 * payments plugin (`manual` for embedded mode, `stripe` in production).
 * Amounts are integer minor units with an ISO 4217 currency.
 */
export interface PaymentIntentInput {
  orderId: number
  amount: number
  currency: string
  /** the order id, so a retried create never charges twice */
  idempotencyKey: string
  customerEmail?: string
}

export interface PaymentIntentResult {
  providerRef: string
  status: 'pending' | 'authorized' | 'paid' | 'failed'
  /** what the browser needs to confirm (e.g. a Stripe client secret) */
  clientData?: Record<string, unknown>
}

export interface PaymentWebhookEvent {
  id: string
  type: 'payment_succeeded' | 'payment_failed' | 'refunded' | 'ignored'
  providerRef?: string
  amount?: number
}

export interface PaymentDriver {
  readonly name: string
  createPayment(input: PaymentIntentInput): Promise<PaymentIntentResult>
  capture(providerRef: string, amount?: number): Promise<PaymentIntentResult>
  refund(providerRef: string, amount: number, idempotencyKey: string): Promise<{ refundRef: string }>
  cancel(providerRef: string): Promise<void>
  parseWebhook(rawBody: Buffer | string, headers: Record<string, string | string[] | undefined>): Promise<PaymentWebhookEvent>
}
