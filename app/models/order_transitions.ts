import type { DomainEvents } from '#events/domain_events'
import type { EventName } from '#plugin_host/types'
import type Order from '#models/order'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OrderEvent from '#models/order_event'
import { recordEvent } from '#plugin_host/outbox'
import { dbTimestamp, affectedRows } from '#services/db_time'

/**
 * The order state machine, next to the Order model: every allowed
 * transition listed once (ORDER_TRANSITIONS) and the one function that
 * moves a status column along it (transitionOrder). Use cases call
 * transitionOrder inside their own transaction; nothing else writes an
 * order's status columns.
 */

/** The three independent status columns of an order (DESIGN.md, "Orders"). */
export type OrderMachine = 'status' | 'payment_status' | 'fulfillment_status'

export interface TransitionData {
  /** why: "expired", "customer request", a decline message */
  reason?: string
  /** money moved by this transition (refunds), minor units */
  amount?: number
  fulfillmentId?: number
  [key: string]: unknown
}

interface Transition {
  machine: OrderMachine
  from: string
  to: string
  /** the order_events.type written for it */
  type: string
  /** the domain event it raises, with its payload */
  event?: { [Name in EventName]: { name: Name; payload(order: Order, data: TransitionData): DomainEvents[Name] } }[EventName]
}

const paid = {
  name: 'OrderPaid',
  payload: (order: Order) => ({ orderId: order.id, amount: order.total, currency: order.currency }),
} as const
const refunded = {
  name: 'OrderRefunded',
  payload: (order: Order, data: TransitionData) => ({
    orderId: order.id,
    amount: data.amount ?? 0,
    currency: order.currency,
  }),
} as const
const cancelled = {
  name: 'OrderCancelled',
  payload: (order: Order, data: TransitionData) => ({ orderId: order.id, reason: data.reason ?? 'cancelled' }),
} as const
const paymentFailed = {
  name: 'PaymentFailed',
  payload: (order: Order, data: TransitionData) => ({ orderId: order.id, reason: data.reason ?? 'declined' }),
} as const
const delivered = {
  name: 'OrderDelivered',
  payload: (order: Order) => ({ orderId: order.id }),
} as const
const fulfilled = {
  name: 'OrderFulfilled',
  payload: (order: Order, data: TransitionData) => ({ orderId: order.id, fulfillmentId: data.fulfillmentId ?? 0 }),
} as const

/**
 * Every allowed order transition, listed once. Nothing changes an order's
 * status columns except `transitionOrder`, which refuses anything missing
 * here. A row whose `from` equals `to` is a repeatable step (a second
 * partial refund, another partial shipment).
 */
export const ORDER_TRANSITIONS: Transition[] = [
  { machine: 'status', from: 'pending', to: 'open', type: 'order_opened' },
  { machine: 'status', from: 'open', to: 'completed', type: 'order_completed' },
  { machine: 'status', from: 'pending', to: 'cancelled', type: 'order_cancelled', event: cancelled },
  { machine: 'status', from: 'open', to: 'cancelled', type: 'order_cancelled', event: cancelled },

  { machine: 'payment_status', from: 'pending', to: 'authorized', type: 'payment_authorized' },
  { machine: 'payment_status', from: 'pending', to: 'paid', type: 'payment_paid', event: paid },
  { machine: 'payment_status', from: 'authorized', to: 'paid', type: 'payment_paid', event: paid },
  { machine: 'payment_status', from: 'pending', to: 'failed', type: 'payment_failed', event: paymentFailed },
  // A failed payment stays retryable: the shopper's next attempt starts again from pending.
  { machine: 'payment_status', from: 'failed', to: 'pending', type: 'payment_retried' },
  { machine: 'payment_status', from: 'failed', to: 'paid', type: 'payment_paid', event: paid },
  { machine: 'payment_status', from: 'authorized', to: 'voided', type: 'payment_voided' },
  { machine: 'payment_status', from: 'paid', to: 'partially_refunded', type: 'payment_refunded', event: refunded },
  {
    machine: 'payment_status',
    from: 'partially_refunded',
    to: 'partially_refunded',
    type: 'payment_refunded',
    event: refunded,
  },
  { machine: 'payment_status', from: 'paid', to: 'refunded', type: 'payment_refunded', event: refunded },
  { machine: 'payment_status', from: 'partially_refunded', to: 'refunded', type: 'payment_refunded', event: refunded },

  {
    machine: 'fulfillment_status',
    from: 'unfulfilled',
    to: 'partially_fulfilled',
    type: 'fulfillment_created',
    event: fulfilled,
  },
  {
    machine: 'fulfillment_status',
    from: 'partially_fulfilled',
    to: 'partially_fulfilled',
    type: 'fulfillment_created',
    event: fulfilled,
  },
  { machine: 'fulfillment_status', from: 'unfulfilled', to: 'fulfilled', type: 'fulfillment_created', event: fulfilled },
  {
    machine: 'fulfillment_status',
    from: 'partially_fulfilled',
    to: 'fulfilled',
    type: 'fulfillment_created',
    event: fulfilled,
  },
  { machine: 'fulfillment_status', from: 'fulfilled', to: 'delivered', type: 'order_delivered', event: delivered },
]

export function findTransition(machine: OrderMachine, from: string, to: string) {
  return ORDER_TRANSITIONS.find((row) => row.machine === machine && row.from === from && row.to === to)
}

/** Whether the order may move to `to` from where it is now (for buttons and guards). */
export function canTransition(order: Order, machine: OrderMachine, to: string) {
  return Boolean(findTransition(machine, currentValue(order, machine), to))
}

export function currentValue(order: Order, machine: OrderMachine): string {
  if (machine === 'status') return order.status
  if (machine === 'payment_status') return order.paymentStatus
  return order.fulfillmentStatus
}

/**
 * The table above as Markdown, the form docs/checkout-and-orders.md shows
 * (a unit test keeps the two equal).
 */
export function transitionTableMarkdown() {
  const rows = ORDER_TRANSITIONS.map(
    (row) => `| \`${row.machine}\` | ${row.from} | ${row.to} | \`${row.type}\` | ${row.event ? `\`${row.event.name}\`` : '—'} |`
  )
  return ['| machine | from | to | order event | domain event |', '|---|---|---|---|---|', ...rows].join('\n')
}

/** The transition is not in the table (e.g. refunding an unpaid order). */
export class InvalidOrderTransitionError extends Error {
  code = 'E_INVALID_ORDER_TRANSITION'
  constructor(
    readonly orderId: number,
    readonly machine: OrderMachine,
    readonly from: string,
    readonly to: string
  ) {
    super(`Order ${orderId} cannot go from ${machine} "${from}" to "${to}"`)
  }
}

/** Another process moved the order first; reload it and decide again. */
export class OrderChangedError extends Error {
  code = 'E_ORDER_CHANGED'
  constructor(readonly orderId: number, readonly machine: OrderMachine) {
    super(`Order ${orderId} changed while it was being updated; reload it and try again`)
  }
}

export interface TransitionOptions {
  trx: TransactionClientContract
  /** "staff:12", "customer:5", "system", "webhook:stripe" */
  actor: string
  data?: TransitionData
}

/**
 * Moves one status column of an order along the transition table: checks
 * the transition is listed, applies it with a conditional update (the row
 * must still hold the status we read, so two processes cannot both move
 * it), appends the order event and records the domain event, all in the
 * caller's transaction. Updates `order` in memory on success.
 */
export async function transitionOrder(order: Order, machine: OrderMachine, to: string, options: TransitionOptions) {
  const from = currentValue(order, machine)
  const transition = findTransition(machine, from, to)
  if (!transition) throw new InvalidOrderTransitionError(order.id, machine, from, to)

  const { trx, actor, data = {} } = options
  const now = dbTimestamp(trx)
  const changes: Record<string, unknown> = { [machine]: to, updated_at: now }
  if (machine === 'status' && to === 'cancelled') changes.cancelled_at = now

  const updated = await trx.from('orders').where('id', order.id).where(machine, from).update(changes)
  if (affectedRows(updated) !== 1) throw new OrderChangedError(order.id, machine)

  if (machine === 'status') order.status = to as Order['status']
  else if (machine === 'payment_status') order.paymentStatus = to as Order['paymentStatus']
  else order.fulfillmentStatus = to as Order['fulfillmentStatus']

  await OrderEvent.create(
    { orderId: order.id, type: transition.type, fromStatus: from, toStatus: to, data, actor },
    { client: trx }
  )
  if (transition.event) {
    await recordEvent(transition.event.name, transition.event.payload(order, data) as never, trx)
  }
  return transition
}
