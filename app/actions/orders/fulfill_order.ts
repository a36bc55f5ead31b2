import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import Fulfillment from '#models/fulfillment'
import { unitsToShipSql } from '#models/order_rules'
import { OrderNotFulfillableError, OverFulfillmentError } from '#models/order_errors'
import { canTransition, transitionOrder } from '#models/order_transitions'
import { recordAudit } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'
import { dbTimestamp, affectedRows } from '#services/db_time'

export interface FulfillOrderInput {
  /** order line id → quantity to ship now; zero entries are ignored */
  lines: Array<{ orderLineId: number; quantity: number }>
  carrier?: string | null
  trackingNumber?: string | null
  trackingUrl?: string | null
}

/**
 * Ships some or all of what is left of an order, in ONE transaction: locks
 * the order row and refuses unless the ship rule allows it
 * (`order.shipRefusal`: open, money held, not fully shipped), moves each
 * line's `fulfilled_quantity` with a conditional update that keeps shipped
 * plus restocked units within the quantity (so concurrent shipments of the
 * same line, or units refunded and put back on hand, cannot ship; a
 * refusal rolls everything back), writes the fulfillment and its lines,
 * moves `fulfillment_status` through the transition table (raising
 * OrderFulfilled → the shipped email), completes an order that is now fully
 * shipped and still paid, and writes the audit entry. The admin, the bulk
 * job and the CLI all ship through here.
 */
export default class FulfillOrder {
  async handle(orderId: number, input: FulfillOrderInput, actor: Actor) {
    const wanted = input.lines.filter((line) => line.quantity > 0)
    if (!wanted.length) throw new OrderNotFulfillableError('Choose at least one unit to fulfil')

    return db.transaction(async (trx) => {
      const order = await Order.query({ client: trx }).where('id', orderId).forUpdate().firstOrFail()
      const refusal = order.shipRefusal
      if (refusal) throw new OrderNotFulfillableError(refusal)
      const before = { status: order.status, fulfillmentStatus: order.fulfillmentStatus }
      const now = dbTimestamp(trx)

      for (const line of wanted) {
        const updated = await trx
          .from('order_lines')
          .where('id', line.orderLineId)
          .where('order_id', order.id)
          .whereRaw(`${unitsToShipSql()} >= ?`, [line.quantity])
          .update({ fulfilled_quantity: trx.knexRawQuery('fulfilled_quantity + ?', [line.quantity]), updated_at: now })
        if (affectedRows(updated) !== 1) {
          const row = await trx
            .from('order_lines')
            .where('id', line.orderLineId)
            .where('order_id', order.id)
            .select(trx.raw(`${unitsToShipSql()} as remaining`))
            .first()
          throw new OverFulfillmentError(line.orderLineId, row ? Math.max(0, Number(row.remaining)) : 0)
        }
      }

      const fulfillment = await Fulfillment.create(
        {
          orderId: order.id,
          status: 'shipped',
          carrier: input.carrier ?? null,
          trackingNumber: input.trackingNumber ?? null,
          trackingUrl: input.trackingUrl ?? null,
          shippedAt: DateTime.now(),
        },
        { client: trx }
      )
      await trx.table('fulfillment_lines').insert(
        wanted.map((line) => ({ fulfillment_id: fulfillment.id, order_line_id: line.orderLineId, quantity: line.quantity, created_at: now }))
      )

      // Units refunded and put back on hand are not waited for: once the rest shipped, the order is fulfilled.
      const left = await trx
        .from('order_lines')
        .where('order_id', order.id)
        .whereRaw(`${unitsToShipSql()} > 0`)
        .select('id')
        .first()
      const target = left ? 'partially_fulfilled' : 'fulfilled'
      // The order timeline names who shipped: "staff:12", or "cli" for a fulfillment run.
      const label = actorLabel(actor)
      await transitionOrder(order, 'fulfillment_status', target, {
        trx,
        actor: label,
        data: { fulfillmentId: fulfillment.id, lines: wanted, carrier: input.carrier ?? null, trackingNumber: input.trackingNumber ?? null },
      })
      if (target === 'fulfilled' && order.holdsPayment && canTransition(order, 'status', 'completed')) {
        await transitionOrder(order, 'status', 'completed', { trx, actor: label })
      }

      await recordAudit(
        {
          actor,
          action: 'order.fulfill',
          subjectType: 'order',
          subjectId: order.id,
          changes: {
            fulfillmentStatus: [before.fulfillmentStatus, order.fulfillmentStatus],
            ...(before.status !== order.status ? { status: [before.status, order.status] } : {}),
            fulfillment: [null, { id: fulfillment.id, lines: wanted, carrier: input.carrier ?? null }],
          },
        },
        trx
      )
      return { order, fulfillment }
    })
  }
}
