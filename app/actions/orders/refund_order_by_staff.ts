import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import { orderMoneyState } from '#queries/admin_order_detail_query'
import RefundOrder from '#actions/payments/refund_order'
import { claimRestock, unclaimRestock, putBackOnHand, type RestockLine } from '#models/order_restock'
import { recordAudit, diffChanges } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'

export interface StaffRefundInput {
  /** minor units */
  amount: number
  reason?: string | null
  /** units to put back on hand, per line */
  restock?: RestockLine[]
}

/**
 * Admin › Orders › Refund: gives back `amount` through the payments driver
 * (refundOrder owns the money rules: never more than was paid, even
 * concurrently), then puts the chosen units back on hand and writes the
 * audit entry with the before/after payment state. The restock units are
 * claimed (conditional update) before any money moves, so an impossible or
 * concurrent over-restock refuses the whole request instead of refunding
 * without it; a refused refund releases the claim.
 */
@inject()
export default class RefundOrderByStaff {
  async handle(orderId: number, input: StaffRefundInput, actor: Actor) {
    const order = await Order.findOrFail(orderId)
    const restock = (input.restock ?? []).filter((line) => line.quantity > 0)
    const before = await orderMoneyState(order.id)
    const actorName = actorLabel(actor)
    // The units are claimed before any money moves: an impossible (or raced)
    // restock refuses the whole request, and a refused refund gives them back.
    if (restock.length) await db.transaction((trx) => claimRestock(order.id, restock, trx))
    let refund
    try {
      refund = await (await app.container.make(RefundOrder)).handle(order, { amount: input.amount, reason: input.reason ?? null, actor: actorName })
    } catch (error) {
      if (restock.length) await db.transaction((trx) => unclaimRestock(order.id, restock, trx))
      throw error
    }

    return db.transaction(async (trx) => {
      const restocked = await putBackOnHand(order, restock, actorName, trx)
      const after = await orderMoneyState(order.id, trx)
      await recordAudit(
        {
          actor,
          action: 'order.refund',
          subjectType: 'order',
          subjectId: order.id,
          changes: {
            ...diffChanges(before, after),
            refund: [null, { id: refund.id, amount: refund.amount, reason: refund.reason, restocked }],
          },
        },
        trx
      )
      return { refund, restocked }
    })
  }
}
