import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import OrderEvent from '#models/order_event'
import { packRefusal } from '#models/order_rules'
import { recordEvent } from '#plugin_host/outbox'
import { recordAudit } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'

/** The order is not in a state where packing means anything; the message says why. */
export class OrderNotPackableError extends Error {
  code = 'E_ORDER_NOT_PACKABLE'
}


/**
 * Staff packed the parcel: an `order_packed` timeline row, the OrderPacked
 * event (live order page, dashboard) and an audit entry, in one
 * transaction. Packing is a milestone, not a status: fulfillment_status is
 * untouched, so a packed order ships through every existing path. Marking
 * twice records once (`packed: false` on the repeat).
 */
@inject()
export default class MarkOrderPacked {
  async handle(orderId: number, actor: Actor) {
    return db.transaction(async (trx) => {
      // the row lock serialises two clicks, so the packed lookup cannot race
      const order = await Order.query({ client: trx }).where('id', orderId).forUpdate().firstOrFail()
      const refusal = packRefusal(order)
      if (refusal) throw new OrderNotPackableError(refusal)
      const existing = await OrderEvent.query({ client: trx }).where('order_id', order.id).where('type', 'order_packed').first()
      if (existing) return { order, event: existing, packed: false }

      const event = await OrderEvent.create(
        { orderId: order.id, type: 'order_packed', data: {}, actor: actorLabel(actor) },
        { client: trx }
      )
      // the audit's "after" is the time as stored (SQLite keeps whole seconds), so it matches the timeline
      await event.refresh()
      await recordEvent('OrderPacked', { orderId: order.id }, trx)
      await recordAudit(
        {
          actor,
          action: 'order.pack',
          subjectType: 'order',
          subjectId: order.id,
          changes: { packedAt: [null, event.createdAt.toUTC().toISO()] },
        },
        trx
      )
      return { order, event, packed: true }
    })
  }
}
