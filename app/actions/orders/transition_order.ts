import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Order from '#models/order'
import OrderEvent from '#models/order_event'
import { recordEvent } from '#plugin_host/outbox'
import { dbTimestamp, affectedRows } from '#services/db_time'
import {
  currentValue,
  findTransition,
  type OrderMachine,
  type TransitionData,
} from '#actions/orders/order_transitions'

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
