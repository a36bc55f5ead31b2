import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Order from '#models/order'
import { canTransition } from '#models/order_transitions'
import { packRefusal, unitsToShip } from '#models/order_rules'
import { addressName } from '#queries/admin_orders_query'
import { presentOrderSummary, type OrderSummaryLine } from '#queries/order_summary_query'
import { plural } from '#services/plural'
import { statusLabel } from '#services/status_labels'
import { actorWords, orderEventTitle } from '#queries/activity_lines'

/** A line as the order page shows it: the presenter's money columns plus the shipping counters. */
export interface OrderDetailLine extends OrderSummaryLine {
  fulfilled: number
  restocked: number
  /** units still to ship: neither shipped nor refunded and put back on hand (order_rules.unitsToShip) */
  remaining: number
}

/**
 * Everything the order page shows, in a handful of queries: the order with
 * its customer, payments, refunds, fulfillments (with their lines) and
 * timeline; line counters (shipped, restocked) read from order_lines; the
 * money (lines, totals, refunds) from the one order presenter, as the
 * shopper's pages and the emails show it.
 */
export async function orderDetail(orderId: number) {
  const order = await Order.query()
    .where('id', orderId)
    .preload('customer')
    .preload('payments', (query) => query.orderBy('id'))
    .preload('refunds', (query) => query.orderBy('id'))
    .preload('fulfillments', (query) => query.orderBy('id').preload('lines'))
    .preload('events')
    .firstOrFail()

  const rows = await db.from('order_lines').where('order_id', order.id).orderBy('id')
  const summary = presentOrderSummary(
    order,
    rows.map((row) => ({
      id: Number(row.id),
      title: row.title,
      variantTitle: row.variant_title,
      sku: row.sku,
      quantity: Number(row.quantity),
      unitPrice: Number(row.unit_price),
      discountAmount: Number(row.discount_amount ?? 0),
    })),
    order.refunds
  )
  const lines: OrderDetailLine[] = rows.map((row, index) => ({
    id: Number(row.id),
    title: row.title,
    variantTitle: row.variant_title,
    sku: row.sku,
    quantity: Number(row.quantity),
    unitPrice: summary.lines[index].unitPrice,
    total: summary.lines[index].total,
    discount: summary.lines[index].discount,
    fulfilled: Number(row.fulfilled_quantity),
    restocked: Number(row.restocked_quantity),
    remaining: unitsToShip({ quantity: row.quantity, fulfilledQuantity: row.fulfilled_quantity, restockedQuantity: row.restocked_quantity }),
  }))
  const titles = new Map(lines.map((line) => [line.id, line.variantTitle ? `${line.title} — ${line.variantTitle}` : line.title]))

  const paidPayments = order.payments.filter((payment) => payment.status === 'paid')
  const refundable = paidPayments.reduce((sum, payment) => sum + payment.amount - payment.amountRefunded, 0)
  const refunded = summary.refunded.amount

  const packedAt = order.events.find((event) => event.type === 'order_packed')?.createdAt ?? null

  return {
    order,
    lines,
    summary,
    lineTitles: Object.fromEntries(titles),
    customerName: addressName(order.shippingAddress) || [order.customer?.firstName, order.customer?.lastName].filter(Boolean).join(' '),
    refundable,
    refunded,
    packedAt,
    eventActors: await timelineActors(order.events),
    can: {
      pack: !packedAt && packRefusal(order) === null,
      fulfill: order.isShippable && lines.some((line) => line.remaining > 0),
      deliver: canTransition(order, 'fulfillment_status', 'delivered'),
      refund: refundable > 0,
      cancel: canTransition(order, 'status', 'cancelled'),
      /** cancelling needs a refund first (or together) */
      cancelNeedsRefund: order.holdsPayment,
    },
  }
}

export type OrderDetail = Awaited<ReturnType<typeof orderDetail>>

/** An order's staff tags, sorted. */
export async function orderTags(orderId: number, client: QueryClientContract = db.connection()) {
  return (await client.from('order_tags').where('order_id', orderId).orderBy('tag').select('tag')).map((row) => row.tag as string)
}

/** A timeline entry in words: "Placed", "Refunded (Paid → Partially refunded)", never a type key or a raw status. */
export function describeEvent(event: { type: string; fromStatus: string | null; toStatus: string | null; data: Record<string, unknown> | null }) {
  const data = event.data ?? {}
  // a status move is worth saying when it has a before (an order's first status is implied by "Placed")
  const move = event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus ? ` (${statusLabel(event.fromStatus)} → ${statusLabel(event.toStatus)})` : ''
  switch (event.type) {
    case 'note':
      return String(data.body ?? '')
    case 'fulfillment_created':
      return `Shipped${move}${data.trackingNumber ? `, tracking ${data.trackingNumber}` : ''}`
    case 'order_packed':
      return 'Packed, ready to ship'
    case 'email_resent':
      return data.template === 'order_shipped'
        ? `Email resent: shipped notice for fulfillment #${data.fulfillmentId}`
        : 'Email resent: order confirmation'
    case 'items_restocked':
      return `Items restocked: ${plural(((data.lines as Array<{ quantity: number }>) ?? []).reduce((sum, line) => sum + line.quantity, 0), 'unit')}`
    default: {
      const reason = data.reason ? `: ${data.reason}` : ''
      return `${orderEventTitle(event.type)}${move}${reason}`
    }
  }
}

/**
 * Who did each timeline entry, in words: the staff member's name, else "a
 * guest shopper", "the manual payment webhook", "the store" (one lookup of
 * the staff named on the timeline).
 */
export async function timelineActors(events: Array<{ actor: string | null }>): Promise<Record<string, string>> {
  const actors = [...new Set(events.map((event) => event.actor).filter((actor): actor is string => Boolean(actor)))]
  const staffIds = actors.map((actor) => /^staff:(\d+)$/.exec(actor)?.[1]).filter(Boolean).map(Number)
  const staff = staffIds.length ? await db.from('staff_users').whereIn('id', staffIds).select('id', 'full_name', 'email') : []
  const names = new Map(staff.map((row) => [`staff:${row.id}`, String(row.full_name || row.email)]))
  return Object.fromEntries(actors.map((actor) => [actor, names.get(actor) ?? actorWords(actor)]))
}

/** What an audit entry compares before and after a refund or a cancellation. */
export async function orderMoneyState(orderId: number, client: TransactionClientContract | typeof db = db) {
  const order = await client.from('orders').where('id', orderId).select('status', 'payment_status', 'fulfillment_status').firstOrFail()
  const [paid] = await client.from('payments').where('order_id', orderId).sum('amount_refunded as refunded')
  return {
    status: order.status as string,
    paymentStatus: order.payment_status as string,
    amountRefunded: Number(paid?.refunded ?? 0),
  }
}
