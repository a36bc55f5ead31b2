import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Order, { type OrderAddress } from '#models/order'
import OrderEvent from '#models/order_event'
import { recordAudit } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'
import { dbTimestamp, affectedRows } from '#services/db_time'

/** Something already shipped (or the order is closed): the label may be printed, so the address stays. */
export class AddressLockedError extends Error {
  code = 'E_ADDRESS_LOCKED'
}

/**
 * Replaces an order's shipping address while nothing has shipped. The
 * update is conditional on the order still being unfulfilled, so a
 * shipment racing the edit wins and the edit is refused. Writes a
 * timeline event and an audit entry with the address before and after.
 */
@inject()
export default class UpdateShippingAddress {
  async handle(orderId: number, address: OrderAddress, actor: Actor) {
    return db.transaction(async (trx) => {
      const order = await Order.query({ client: trx }).where('id', orderId).forUpdate().firstOrFail()
      if (order.fulfillmentStatus !== 'unfulfilled' || order.status === 'cancelled' || order.status === 'completed') {
        throw new AddressLockedError(`Order #${order.number} has shipped or is closed: its shipping address can no longer change`)
      }
      const before = order.shippingAddress
      const updated = await trx
        .from('orders')
        .where('id', orderId)
        .where('fulfillment_status', 'unfulfilled')
        .whereNotIn('status', ['cancelled', 'completed'])
        .update({ shipping_address: JSON.stringify(address), updated_at: dbTimestamp(trx) })
      if (affectedRows(updated) !== 1) throw new AddressLockedError(`Order #${order.number} changed meanwhile: reload it`)
      const stringActor = actorLabel(actor)
      await OrderEvent.create({ orderId, type: 'shipping_address_changed', data: { before, after: address }, actor: stringActor }, { client: trx })
      await recordAudit({ actor, action: 'order.shipping_address', subjectType: 'order', subjectId: orderId, changes: { shippingAddress: [before, address] } }, trx)
      return order.number
    })
  }
}
