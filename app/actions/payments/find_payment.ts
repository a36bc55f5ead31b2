import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { claimWebhookEvent } from '#actions/payments/claim_webhook_event'
import Order from '#models/order'
import Payment from '#models/payment'

export interface PaymentLookup {
  provider: string
  /** the provider's payment id; the usual way webhooks find the payment */
  providerRef?: string
  /** the order's latest payment with this provider, when there is no providerRef */
  orderId?: number
}

/**
 * Finds a payment and its order inside `trx`, both locked on PostgreSQL
 * (FOR UPDATE), so a webhook and a cancellation of the same order happen
 * one after the other. SQLite has one writer at a time anyway.
 */
export async function findPaymentForUpdate(trx: TransactionClientContract, lookup: PaymentLookup) {
  const query = Payment.query({ client: trx }).where('provider', lookup.provider).forUpdate()
  if (lookup.providerRef) query.where('provider_ref', lookup.providerRef)
  else if (lookup.orderId) query.where('order_id', lookup.orderId).orderBy('id', 'desc')
  else return null
  const payment = await query.first()
  if (!payment) return null
  const order = await Order.query({ client: trx }).where('id', payment.orderId).forUpdate().firstOrFail()
  return { payment, order }
}

/**
 * The start of every provider notice: lock the payment and its order, then
 * claim the event id (once per provider event). A payment Stockroom does
 * not know is answered but not claimed, so a later replay can still apply.
 */
export async function lockPaymentForEvent(
  trx: TransactionClientContract,
  notice: PaymentLookup & { eventId?: string },
  type: string
) {
  const found = await findPaymentForUpdate(trx, notice)
  if (!found) return 'unknown_payment' as const
  if (notice.eventId) {
    const claimed = await claimWebhookEvent(trx, { provider: notice.provider, eventId: notice.eventId, type, orderId: found.order.id })
    if (!claimed) return 'duplicate_event' as const
  }
  return found
}
