import type Order from '#models/order'
import Payment from '#models/payment'
import { recordPaymentSucceeded, type PaymentSucceededOutcome } from '#actions/payments/record_payment_succeeded'

/**
 * When the shopper comes back from the provider (Stripe's return URL), asks
 * the provider, server to server, how the order's latest payment stands and
 * records a success at once, so the order page does not wait for the
 * webhook. The webhook arriving later finds the payment already paid. The
 * browser's word (query parameters) is never trusted.
 */
export async function syncPaymentStatus(order: Order): Promise<PaymentSucceededOutcome | 'pending'> {
  const payment = await Payment.query()
    .where('order_id', order.id)
    .whereNotNull('provider_ref')
    .orderBy('id', 'desc')
    .first()
  if (!payment?.providerRef) return 'pending'
  if (payment.status === 'paid') return 'already_paid'
  const { default: pluginHost } = await import('#services/plugin_host')
  const current = await (await pluginHost.payment(payment.provider)).retrieve(payment.providerRef)
  if (current.status !== 'paid' || current.amountReceived === undefined) return 'pending'
  return recordPaymentSucceeded({
    provider: payment.provider,
    providerRef: payment.providerRef,
    amount: current.amountReceived,
    actor: `return:${payment.provider}`,
  })
}
