import {
  InvalidWebhookError,
  type PaymentDriver,
  type PaymentIntentInput,
  type PaymentIntentResult,
} from '#plugin_host/extension_points/payments'

/**
 * The embedded default: no provider, no network. A payment is a reference
 * derived from the idempotency key (so creating twice gives the same one);
 * the payment page offers a test step whose two buttons record success or
 * a decline through the payment actions. Refunds and cancels only record.
 */
export class ManualPaymentDriver implements PaymentDriver {
  readonly name = 'manual'
  readonly view = 'payments::drivers/manual'

  async createPayment(input: PaymentIntentInput): Promise<PaymentIntentResult> {
    return { providerRef: `manual_${input.idempotencyKey}`, status: 'pending', clientData: { test: true } }
  }

  /** The database holds the state of a manual payment; the driver has none to add. */
  async retrieve(providerRef: string): Promise<PaymentIntentResult> {
    return { providerRef, status: 'pending', clientData: { test: true } }
  }

  async capture(providerRef: string): Promise<PaymentIntentResult> {
    return { providerRef, status: 'paid' }
  }

  async refund(_providerRef: string, _amount: number, idempotencyKey: string) {
    return { refundRef: `manual_${idempotencyKey}` }
  }

  async cancel() {}

  async parseWebhook(): Promise<never> {
    throw new InvalidWebhookError('The manual payment driver receives no webhooks')
  }
}
