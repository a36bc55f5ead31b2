import db from '@adonisjs/lucid/services/db'
import Refund from '#models/refund'
import { lockPaymentForEvent } from '#payments/payment_locks'
import { applyRefundToOrder } from '#payments/apply_refund_to_order'
import { dbTimestamp, affectedRows } from '#services/db_time'

export interface ProviderRefundNotice {
  provider: string
  providerRef: string
  /** everything refunded on the payment so far, per the provider, minor units */
  totalRefunded: number
  eventId?: string
}

export type ProviderRefundOutcome = 'recorded' | 'already_recorded' | 'duplicate_event' | 'unknown_payment'

/**
 * A provider says a payment was refunded (Stripe `charge.refunded`, with
 * the cumulative amount). Refunds made through RefundOrder are already
 * counted in `payments.amount_refunded`, so only money refunded elsewhere
 * (the provider's dashboard) is new: it is recorded as a settled refund and
 * moves the order's payment status. Once per event id.
 */
export default class RecordProviderRefund {
  async handle(notice: ProviderRefundNotice): Promise<ProviderRefundOutcome> {
    const actor = `webhook:${notice.provider}`
    return db.transaction(async (trx) => {
      const found = await lockPaymentForEvent(trx, notice, 'refunded')
      if (typeof found === 'string') return found
      const { payment, order } = found
      const extra = notice.totalRefunded - payment.amountRefunded
      if (extra <= 0 || payment.status !== 'paid') return 'already_recorded'

      const updated = await trx
        .from('payments')
        .where('id', payment.id)
        .where('amount_refunded', payment.amountRefunded)
        .where('amount', '>=', notice.totalRefunded)
        .update({ amount_refunded: notice.totalRefunded, updated_at: dbTimestamp(trx) })
      if (affectedRows(updated) !== 1) return 'already_recorded'
      const refund = await Refund.create(
        {
          orderId: order.id,
          paymentId: payment.id,
          amount: extra,
          reason: `Refunded at ${notice.provider}`,
          status: 'succeeded',
        },
        { client: trx }
      )
      await applyRefundToOrder(trx, refund, order, payment, actor)
      return 'recorded'
    })
  }
}
