import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Order from '#models/order'
import Payment from '#models/payment'
import { dbTimestamp } from '#services/db_time'

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
 * Claims a provider event id inside the transaction that applies its
 * effect. The unique (provider, event_id) decides: a replay, or the same
 * event delivered twice at once, finds the row and gets `false`. If the
 * effect rolls back, so does the claim, and the provider's retry works.
 */
export async function claimWebhookEvent(
  trx: TransactionClientContract,
  event: { provider: string; eventId: string; type: string; orderId?: number | null }
): Promise<boolean> {
  const inserted = await trx
    .knexQuery()
    .table('payment_webhook_events')
    .insert({
      provider: event.provider,
      event_id: event.eventId,
      type: event.type,
      order_id: event.orderId ?? null,
      created_at: dbTimestamp(trx),
    })
    .onConflict(['provider', 'event_id'])
    .ignore()
    .returning('id')
  return inserted.length > 0
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
