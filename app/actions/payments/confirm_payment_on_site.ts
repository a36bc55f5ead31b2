import { inject } from '@adonisjs/core'
import type Order from '#models/order'
import RecordPaymentSucceeded from '#actions/payments/record_payment_succeeded'
import RecordPaymentFailed from '#actions/payments/record_payment_failed'
import { isPayable } from '#payments/payability'
import { PaymentsPort } from '#plugin_host/extension_points/payments'

export type OnSitePaymentOutcome =
  /** the active driver confirms at its provider: there is nothing to post here */
  | { outcome: 'unsupported' }
  | { outcome: 'not_payable' }
  | { outcome: 'paid' }
  /** the success could not be recorded (amount changed, payment unknown): the shopper tries again */
  | { outcome: 'not_recorded' }
  | { outcome: 'declined'; reason: string }

/**
 * A payment step confirmed on the shop's own page (the manual test
 * driver's buttons): the active driver reads the posted form, then the
 * success or the decline is recorded like a provider's, on the order's
 * latest payment with that driver. Only drivers with `confirmOnSite` take
 * part, so a shop on a real provider cannot be paid by a form post.
 */
@inject()
export default class ConfirmPaymentOnSite {
  constructor(
    private payments: PaymentsPort,
    private paymentSucceeded: RecordPaymentSucceeded,
    private paymentFailed: RecordPaymentFailed
  ) {}

  async handle(order: Order, form: Record<string, unknown>, actor: string): Promise<OnSitePaymentOutcome> {
    const driver = await this.payments.driver()
    if (!driver.confirmOnSite) return { outcome: 'unsupported' }
    const confirmation = await driver.confirmOnSite(form)
    if (!isPayable(order)) return { outcome: 'not_payable' }

    const payment = { provider: driver.name, orderId: order.id, actor }
    if (!confirmation.succeeded) {
      await this.paymentFailed.handle({ ...payment, reason: confirmation.reason })
      return { outcome: 'declined', reason: confirmation.reason }
    }
    const recorded = await this.paymentSucceeded.handle({ ...payment, amount: order.total })
    return recorded === 'paid' || recorded === 'already_paid' ? { outcome: 'paid' } : { outcome: 'not_recorded' }
  }
}
