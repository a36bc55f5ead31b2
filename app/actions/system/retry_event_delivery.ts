import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import OutboxDelivery from '#models/outbox_delivery'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { affectedRows, dbTimestamp } from '#services/db_time'

export type RetryEventDeliveryResult =
  | { retried: true; delivery: OutboxDelivery }
  | { retried: false; reason: 'not_failed'; delivery: OutboxDelivery }

/**
 * Queues a failed event delivery again, at a staff member's request, and
 * records who asked in the audit log. Only failed deliveries qualify: a
 * pending or retrying one is already on its way and a delivered one must
 * never run twice. The status is claimed with a conditional update, so two
 * staff clicking at once queue it once. Throws when the delivery is missing.
 */
export default class RetryEventDelivery {
  async handle(deliveryId: number, actor: Actor) {
    const delivery = await OutboxDelivery.findOrFail(deliveryId)
    const claimed = await db
      .from('outbox_deliveries')
      .where('id', delivery.id)
      .where('status', 'failed')
      .update({ status: 'pending', updated_at: dbTimestamp(db.connection()) })
    if (affectedRows(claimed) === 0) {
      return { retried: false, reason: 'not_failed', delivery } satisfies RetryEventDeliveryResult
    }

    await delivery.refresh()
    const relay = await app.container.make('stockroom.outbox')
    await relay.retry(delivery)
    await recordAudit({
      actor,
      action: 'event_delivery.retried',
      subjectType: 'outbox_delivery',
      subjectId: delivery.id,
      changes: { listener: delivery.listener, eventId: delivery.eventId, retriesRequested: delivery.retriesRequested },
    })
    return { retried: true, delivery } satisfies RetryEventDeliveryResult
  }
}
