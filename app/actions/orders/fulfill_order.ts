import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import Fulfillment from '#models/fulfillment'
import { transitionOrder } from '#actions/orders/transition_order'
import { canTransition } from '#actions/orders/order_transitions'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { dbTimestamp, affectedRows } from '#services/db_time'

/** The order cannot ship now (unpaid, cancelled, already fulfilled). */
export class OrderNotFulfillableError extends Error {
  code = 'E_ORDER_NOT_FULFILLABLE'
}

/** A line would ship more than was ordered (possibly because someone else shipped it meanwhile). */
export class OverFulfillmentError extends Error {
  code = 'E_OVER_FULFILLMENT'
  constructor(
    readonly orderLineId: number,
    /** what is still left to ship on that line, as the database says now */
    readonly remaining: number
  ) {
    super(`Only ${remaining} unit(s) of line ${orderLineId} are left to fulfil`)
  }
}

export interface FulfillOrderInput {
  /** order line id → quantity to ship now; zero entries are ignored */
  lines: Array<{ orderLineId: number; quantity: number }>
  carrier?: string | null
  trackingNumber?: string | null
  trackingUrl?: string | null
}

/** Shipping is allowed once the order is open (paid) and not yet fully shipped. */
export function isFulfillable(order: Order) {
  return order.status === 'open' && (order.fulfillmentStatus === 'unfulfilled' || order.fulfillmentStatus === 'partially_fulfilled')
}

const PAID = new Set(['paid', 'partially_refunded'])

/**
 * Ships some or all of what is left of an order, in ONE transaction: locks
 * the order row, moves each line's `fulfilled_quantity` with a conditional
 * update (`fulfilled_quantity + n <= quantity`, so concurrent shipments of
 * the same line cannot exceed it; a refusal rolls everything back), writes
 * the fulfillment and its lines, moves `fulfillment_status` through the
 * transition table (raising OrderFulfilled → the shipped email), completes
 * an order that is now fully shipped and paid, and writes the audit entry.
 */
export async function fulfillOrder(orderId: number, input: FulfillOrderInput, actor: Actor) {
  const wanted = input.lines.filter((line) => line.quantity > 0)
  if (!wanted.length) throw new OrderNotFulfillableError('Choose at least one unit to fulfil')

  return db.transaction(async (trx) => {
    const order = await Order.query({ client: trx }).where('id', orderId).forUpdate().firstOrFail()
    if (!isFulfillable(order)) {
      throw new OrderNotFulfillableError(
        order.status === 'open'
          ? `Order #${order.number} is already fulfilled`
          : `Order #${order.number} cannot be fulfilled while it is ${order.status} (payment ${order.paymentStatus})`
      )
    }
    const before = { status: order.status, fulfillmentStatus: order.fulfillmentStatus }
    const now = dbTimestamp(trx)

    for (const line of wanted) {
      const updated = await trx
        .from('order_lines')
        .where('id', line.orderLineId)
        .where('order_id', order.id)
        .whereRaw('fulfilled_quantity + ? <= quantity', [line.quantity])
        .update({ fulfilled_quantity: trx.knexRawQuery('fulfilled_quantity + ?', [line.quantity]), updated_at: now })
      if (affectedRows(updated) !== 1) {
        const row = await trx.from('order_lines').where('id', line.orderLineId).where('order_id', order.id).first()
        throw new OverFulfillmentError(line.orderLineId, row ? Number(row.quantity) - Number(row.fulfilled_quantity) : 0)
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

    const [left] = await trx
      .from('order_lines')
      .where('order_id', order.id)
      .select(trx.raw('coalesce(sum(quantity - fulfilled_quantity), 0) as remaining'))
    const target = Number(left?.remaining ?? 0) === 0 ? 'fulfilled' : 'partially_fulfilled'
    // The order timeline names who shipped: "staff:12", or "cli" for a fulfillment run.
    const stringActor = actor.id ? `${actor.type}:${actor.id}` : actor.type
    await transitionOrder(order, 'fulfillment_status', target, {
      trx,
      actor: stringActor,
      data: { fulfillmentId: fulfillment.id, lines: wanted, carrier: input.carrier ?? null, trackingNumber: input.trackingNumber ?? null },
    })
    if (target === 'fulfilled' && PAID.has(order.paymentStatus) && canTransition(order, 'status', 'completed')) {
      await transitionOrder(order, 'status', 'completed', { trx, actor: stringActor })
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
