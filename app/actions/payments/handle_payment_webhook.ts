import { recordPaymentSucceeded } from '#actions/payments/record_payment_succeeded'
import { recordPaymentFailed } from '#actions/payments/record_payment_failed'
import { recordProviderRefund } from '#actions/payments/record_provider_refund'
import type { PaymentDriver } from '#plugin_host/extension_points/payments'

/**
 * Verifies a provider webhook with its driver and applies it. Throws the
 * driver's InvalidWebhookError for a forged or malformed one, before any
 * write. Returns what happened, for the response and the logs.
 */
export async function handlePaymentWebhook(
  driver: PaymentDriver,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>
) {
  const event = await driver.parseWebhook(rawBody, headers)
  const provider = driver.name
  if (event.type === 'ignored' || !event.providerRef) return { event, outcome: 'ignored' as const }

  const base = { provider, providerRef: event.providerRef, eventId: event.id }
  switch (event.type) {
    case 'payment_succeeded':
      return { event, outcome: await recordPaymentSucceeded({ ...base, amount: event.amount ?? 0, currency: event.currency }) }
    case 'payment_failed':
      return { event, outcome: await recordPaymentFailed({ ...base, reason: event.reason ?? 'The payment was declined' }) }
    case 'refunded':
      return { event, outcome: await recordProviderRefund({ ...base, totalRefunded: event.amount ?? 0 }) }
  }
}
