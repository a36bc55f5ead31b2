import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import { AWAITING_PAYMENT_STATUSES } from '#models/order_rules'
import { affectedRows, dbTimestamp } from '#services/db_time'
import CancelOrder from '#actions/orders/cancel_order'

const UNPAID = [...AWAITING_PAYMENT_STATUSES]

export interface ExpiryReport {
  expired: number[]
  /** orders another process (or a payment) got to first */
  skipped: number[]
  /** orders that could not be cancelled this time (e.g. the payment provider was down); tried again next sweep */
  failed: Array<{ orderId: number; error: string }>
}

/**
 * Cancels unpaid orders whose reservation time ran out, with reason
 * `expired`, releasing their stock, discount use and open payments.
 *
 * Safe with any number of workers running it at once: each order is
 * claimed with a conditional UPDATE (still pending, still unpaid, still
 * past its time) that locks the row for the rest of its transaction; a
 * worker that loses the claim, or a payment that landed meanwhile, just
 * skips that order.
 */
@inject()
export default class ExpireUnpaidOrders {
  constructor(private cancelOrder: CancelOrder) {}

  async handle(options: { now?: DateTime; limit?: number } = {}): Promise<ExpiryReport> {
    const now = (options.now ?? DateTime.utc()) as DateTime<true>
    const limit = options.limit ?? 100
    const client = db.connection()
    const due = await client
      .from('orders')
      .select('id')
      .where('status', 'pending')
      .whereIn('payment_status', UNPAID)
      .where('expires_at', '<', dbTimestamp(client, now))
      .orderBy('expires_at')
      .limit(limit)

    const report: ExpiryReport = { expired: [], skipped: [], failed: [] }
    for (const { id } of due) {
      const orderId = Number(id)
      const expired = await db.transaction(async (trx) => {
        const claimed = await trx
          .from('orders')
          .where('id', orderId)
          .where('status', 'pending')
          .whereIn('payment_status', UNPAID)
          .where('expires_at', '<', dbTimestamp(trx, now))
          .update({ updated_at: dbTimestamp(trx) })
        if (affectedRows(claimed) !== 1) return false
        const order = await Order.query({ client: trx }).where('id', orderId).firstOrFail()
        await this.cancelOrder.handle(order, { reason: 'expired', actor: 'system', trx })
        return true
      }).catch((error: Error) => {
        report.failed.push({ orderId, error: error?.message ?? String(error) })
        return null
      })
      if (expired !== null) report[expired ? 'expired' : 'skipped'].push(orderId)
    }
    return report
  }
}
