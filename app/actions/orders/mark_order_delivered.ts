import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import { transitionOrder } from '#models/order_transitions'
import { recordAudit } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'
import { dbTimestamp } from '#services/db_time'

/**
 * The carrier delivered everything: every shipment of the order gets its
 * delivery time and the order's fulfillment status moves fulfilled →
 * delivered (refused by the transition table from any other state, e.g. a
 * partly shipped order).
 */
@inject()
export default class MarkOrderDelivered {
  async handle(orderId: number, actor: Actor) {
    return db.transaction(async (trx) => {
      const order = await Order.query({ client: trx }).where('id', orderId).forUpdate().firstOrFail()
      const before = order.fulfillmentStatus
      await transitionOrder(order, 'fulfillment_status', 'delivered', { trx, actor: actorLabel(actor) })
      const now = dbTimestamp(trx)
      await trx
        .from('fulfillments')
        .where('order_id', order.id)
        .whereNull('delivered_at')
        .update({ status: 'delivered', delivered_at: now, updated_at: now })
      await recordAudit(
        {
          actor,
          action: 'order.deliver',
          subjectType: 'order',
          subjectId: order.id,
          changes: { fulfillmentStatus: [before, order.fulfillmentStatus] },
        },
        trx
      )
      return order
    })
  }
}
