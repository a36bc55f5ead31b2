import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import OrderEvent from '#models/order_event'
import { transitionOrder } from '#models/order_transitions'
import { lockPaymentForEvent, type PaymentLookup } from '#payments/payment_locks'
import { dbTimestamp, affectedRows } from '#services/db_time'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

export interface PaymentSucceededNotice extends PaymentLookup {
  /** amount received, minor units */
  amount: number
  currency?: string
  /** the provider's event id: each is applied once */
  eventId?: string
  /** "webhook:stripe", "customer:5" */
  actor?: string
}

export type PaymentSucceededOutcome =
  | 'paid'
  | 'already_paid'
  | 'duplicate_event'
  | 'unknown_payment'
  | 'amount_mismatch'
  | 'needs_refund'

/**
 * Records a successful payment, once. In one transaction: the event id is
 * claimed, the payment row becomes paid, the order's payment status goes
 * to paid and its status from pending to open, and the reserved stock is
 * committed. A replay changes nothing.
 *
 * Two cases are recorded on the order's timeline instead of marking it
 * paid: a received amount that differs from the payment's
 * (`payment_amount_mismatch`, left for staff), and money that arrives after
 * the order was cancelled (its stock is already released): the payment is
 * marked paid and a `payment_needs_refund` event asks staff to refund it.
 */
@inject()
export default class RecordPaymentSucceeded {
  constructor(private inventory: InventoryPort) {}

  async handle(notice: PaymentSucceededNotice): Promise<PaymentSucceededOutcome> {
    const actor = notice.actor ?? `webhook:${notice.provider}`
    return db.transaction(async (trx) => {
      const found = await lockPaymentForEvent(trx, notice, 'payment_succeeded')
      if (typeof found === 'string') return found
      const { payment, order } = found
      if (payment.status === 'paid') return 'already_paid'

      if (notice.amount !== payment.amount || (notice.currency && notice.currency !== payment.currency)) {
        await OrderEvent.create(
          {
            orderId: order.id,
            type: 'payment_amount_mismatch',
            data: {
              paymentId: payment.id,
              expected: payment.amount,
              received: notice.amount,
              currency: notice.currency ?? payment.currency,
            },
            actor,
          },
          { client: trx }
        )
        return 'amount_mismatch'
      }

      const updated = await trx
        .from('payments')
        .where('id', payment.id)
        // 'cancelled' too: the order was cancelled while the shopper paid; the money still arrived.
        .whereIn('status', ['pending', 'failed', 'authorized', 'cancelled'])
        .update({ status: 'paid', failure_reason: null, updated_at: dbTimestamp(trx) })
      if (affectedRows(updated) !== 1) return 'already_paid'

      if (order.status === 'cancelled') {
        await OrderEvent.create(
          {
            orderId: order.id,
            type: 'payment_needs_refund',
            data: { paymentId: payment.id, amount: payment.amount, providerRef: payment.providerRef },
            actor,
          },
          { client: trx }
        )
        return 'needs_refund'
      }

      const data = { amount: payment.amount, paymentId: payment.id }
      if (order.paymentStatus !== 'paid') await transitionOrder(order, 'payment_status', 'paid', { trx, actor, data })
      if (order.status === 'pending') await transitionOrder(order, 'status', 'open', { trx, actor })
      await this.inventory.commit(order.id, trx)
      return 'paid'
    })
  }
}
