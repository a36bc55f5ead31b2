import {
  InvalidWebhookError,
  type OnSiteConfirmation,
  type PaymentDriver,
  type PaymentIntentInput,
  type PaymentIntentResult,
} from '#plugin_host/extension_points/payments'
import { manualOutcomeValidator } from '../validators/settings.js'

/** The decline the "Test a decline" button simulates. */
const TEST_DECLINE = 'Your card was declined (test decline). No money was taken; you can try again.'

/**
 * The embedded default: no provider, no network. A payment is a reference
 * derived from the idempotency key (so creating twice gives the same one);
 * the payment page shows this driver's test step, whose two buttons post
 * back to the shop and are read by `confirmOnSite` as a success or a
 * decline. Refunds and cancels only record.
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

  /** The test step's buttons: `outcome=success` pays, `outcome=decline` declines. */
  async confirmOnSite(form: Record<string, unknown>): Promise<OnSiteConfirmation> {
    const { outcome } = await manualOutcomeValidator.validate(form)
    return outcome === 'success' ? { succeeded: true } : { succeeded: false, reason: TEST_DECLINE }
  }
}
