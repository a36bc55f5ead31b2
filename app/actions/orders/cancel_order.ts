import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Order from '#models/order'
import { InventoryPort, type ReleaseReason } from '#plugin_host/extension_points/inventory'
import { transitionOrder } from '#models/order_transitions'
import { releaseDiscountUsage } from '#pricing/discount_usage'
import CancelOrderPayments from '#actions/payments/cancel_order_payments'

/** A paid order must be refunded before it can be cancelled. */
export class OrderNotCancellableError extends Error {
  code = 'E_ORDER_NOT_CANCELLABLE'
  constructor(readonly orderId: number, reason: string) {
    super(`Order ${orderId} cannot be cancelled: ${reason}`)
  }
}

export interface CancelOrderOptions {
  /** "expired", "customer request", "fraud"… shown on the timeline and in OrderCancelled */
  reason: string
  /** "staff:12", "system" */
  actor: string
  /** join the caller's transaction; otherwise one is opened */
  trx?: TransactionClientContract
}

/**
 * Cancels a pending or open order that holds no captured money: the status
 * moves to cancelled first (a conditional update, so a payment that lands
 * at the same moment wins or loses cleanly, never both), then its stock
 * reservation and discount use are given back and open payments voided,
 * all in one transaction. Throws OrderChangedError when another process
 * moved the order meanwhile, InvalidOrderTransitionError when it is
 * already cancelled or completed.
 */
@inject()
export default class CancelOrder {
  constructor(
    private inventory: InventoryPort,
    private cancelOrderPayments: CancelOrderPayments
  ) {}

  async handle(order: Order, options: CancelOrderOptions): Promise<Order> {
    if (!options.trx) return db.transaction((trx) => this.handle(order, { ...options, trx }))
    const { trx, reason, actor } = options

    if (order.holdsPayment) {
      throw new OrderNotCancellableError(order.id, 'it has been paid; refund it first')
    }
    order.useTransaction(trx)
    await transitionOrder(order, 'status', 'cancelled', { trx, actor, data: { reason } })

    const releaseReason: ReleaseReason = reason === 'expired' ? 'expired' : 'cancelled'
    await this.inventory.release(order.id, releaseReason, trx)
    await releaseDiscountUsage(order.id, trx)
    await this.cancelOrderPayments.handle(order, trx)
    return order
  }
}
