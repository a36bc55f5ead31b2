import { inject } from '@adonisjs/core'
import RecordPaymentSucceeded from '#actions/payments/record_payment_succeeded'
import RecordPaymentFailed from '#actions/payments/record_payment_failed'
import RecordProviderRefund from '#actions/payments/record_provider_refund'
import type { PaymentDriver } from '#plugin_host/extension_points/payments'

/**
 * Verifies a provider webhook with its driver and applies it. Throws the
 * driver's InvalidWebhookError for a forged or malformed one, before any
 * write. Returns what happened, for the response and the logs.
 */
@inject()
export default class HandlePaymentWebhook {
  constructor(
    private paymentSucceeded: RecordPaymentSucceeded,
    private paymentFailed: RecordPaymentFailed,
    private providerRefund: RecordProviderRefund
  ) {}

  async handle(driver: PaymentDriver, rawBody: string, headers: Record<string, string | string[] | undefined>) {
    const event = await driver.parseWebhook(rawBody, headers)
    if (event.type === 'ignored' || !event.providerRef) return { event, outcome: 'ignored' as const }

    const base = { provider: driver.name, providerRef: event.providerRef, eventId: event.id }
    switch (event.type) {
      case 'payment_succeeded':
        return { event, outcome: await this.paymentSucceeded.handle({ ...base, amount: event.amount ?? 0, currency: event.currency }) }
      case 'payment_failed':
        return { event, outcome: await this.paymentFailed.handle({ ...base, reason: event.reason ?? 'The payment was declined' }) }
      case 'refunded':
        return { event, outcome: await this.providerRefund.handle({ ...base, totalRefunded: event.amount ?? 0 }) }
    }
  }
}
