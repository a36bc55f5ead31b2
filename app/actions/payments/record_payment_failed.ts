import db from '@adonisjs/lucid/services/db'
import { transitionOrder } from '#models/order_transitions'
import { lockPaymentForEvent, type PaymentLookup } from '#payments/payment_locks'
import { dbTimestamp, affectedRows } from '#services/db_time'

export interface PaymentFailedNotice extends PaymentLookup {
  /** the decline message shown to the shopper */
  reason: string
  eventId?: string
  actor?: string
}

export type PaymentFailedOutcome = 'failed' | 'duplicate_event' | 'unknown_payment' | 'ignored'

/**
 * Records a declined payment, once per event: the payment row and the
 * order's payment status become `failed`, which stays retryable (the next
 * StartPayment moves it back to pending). Stock stays reserved until the
 * order expires. A decline for a payment already paid or cancelled, or an
 * order no longer pending, is ignored.
 */
export default class RecordPaymentFailed {
  async handle(notice: PaymentFailedNotice): Promise<PaymentFailedOutcome> {
    const actor = notice.actor ?? `webhook:${notice.provider}`
    const reason = notice.reason.slice(0, 500)
    return db.transaction(async (trx) => {
      const found = await lockPaymentForEvent(trx, notice, 'payment_failed')
      if (typeof found === 'string') return found
      const { payment, order } = found

      const updated = await trx
        .from('payments')
        .where('id', payment.id)
        .whereIn('status', ['pending', 'failed'])
        .update({ status: 'failed', failure_reason: reason, updated_at: dbTimestamp(trx) })
      if (affectedRows(updated) !== 1) return 'ignored'

      if (order.status === 'pending' && order.paymentStatus === 'pending') {
        await transitionOrder(order, 'payment_status', 'failed', { trx, actor, data: { reason, paymentId: payment.id } })
      }
      return 'failed'
    })
  }
}
