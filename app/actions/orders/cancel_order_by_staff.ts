import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import CancelOrder from '#actions/orders/cancel_order'
import RefundOrder from '#actions/payments/refund_order'
import { restockOrderLines } from '#models/order_restock'
import { orderMoneyState } from '#queries/admin_order_detail_query'
import { recordAudit, diffChanges } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'
import { unitsToShip } from '#models/order_rules'

export interface StaffCancelInput {
  reason: string
  /** a paid order: refund what is left of its payment first, then cancel */
  refundRemaining?: boolean
}

/**
 * Admin › Orders › Cancel. An unpaid order is cancelled by CancelOrder,
 * which releases its stock reservation and discount use and voids open
 * payments. A paid order cannot be cancelled as is (CancelOrder refuses);
 * with `refundRemaining` the rest of its payment is refunded first, and
 * since its stock already left on-hand at payment, the units never shipped
 * go back on hand (ledger reason `return`) in the cancelling transaction.
 */
@inject()
export default class CancelOrderByStaff {
  constructor(private cancelOrder: CancelOrder) {}

  async handle(orderId: number, input: StaffCancelInput, actor: Actor) {
    const actorName = actorLabel(actor)
    const before = await orderMoneyState(orderId)
    let order = await Order.findOrFail(orderId)
    const wasPaid = order.countsAsSale

    if (order.holdsPayment && input.refundRemaining) {
      const [left] = await db
        .from('payments')
        .where('order_id', order.id)
        .where('status', 'paid')
        .select(db.raw('coalesce(sum(amount - amount_refunded), 0) as remaining'))
      const remaining = Number(left?.remaining ?? 0)
      if (remaining > 0) await (await app.container.make(RefundOrder)).handle(order, { amount: remaining, reason: `cancelled: ${input.reason}`, actor: actorName })
      order = await Order.findOrFail(orderId)
    }

    return db.transaction(async (trx) => {
      const current = await Order.query({ client: trx }).where('id', order.id).forUpdate().firstOrFail()
      await this.cancelOrder.handle(current, { reason: input.reason, actor: actorName, trx })
      let restocked: Array<{ orderLineId: number; quantity: number }> = []
      if (wasPaid) {
        const lines = await trx.from('order_lines').where('order_id', current.id).orderBy('id')
        const unshipped = lines.map((line) => ({
          orderLineId: Number(line.id),
          quantity: unitsToShip({ quantity: line.quantity, fulfilledQuantity: line.fulfilled_quantity, restockedQuantity: line.restocked_quantity }),
        }))
        restocked = await restockOrderLines(current, unshipped, actorName, trx)
      }
      const after = await orderMoneyState(current.id, trx)
      await recordAudit(
        {
          actor,
          action: 'order.cancel',
          subjectType: 'order',
          subjectId: current.id,
          changes: { ...diffChanges(before, after), reason: [null, input.reason], ...(restocked.length ? { restocked: [null, restocked] } : {}) },
        },
        trx
      )
      return current
    })
  }
}
