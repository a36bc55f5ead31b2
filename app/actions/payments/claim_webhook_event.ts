import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#services/db_time'

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
