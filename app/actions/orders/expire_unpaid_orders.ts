import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import Order from '#models/order'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { cancelOrder } from '#actions/orders/cancel_order'
import type { JobDefinition } from '#plugin_host/types'

export const EXPIRE_UNPAID_ORDERS_JOB = 'orders.expire-unpaid'

/** Payment states in which an order is still waiting for money. */
const UNPAID = ['pending', 'failed']

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
export async function expireUnpaidOrders(options: { now?: DateTime; limit?: number } = {}): Promise<ExpiryReport> {
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
      await cancelOrder(order, { reason: 'expired', actor: 'system', trx })
      return true
    }).catch((error: Error) => {
      report.failed.push({ orderId, error: error?.message ?? String(error) })
      return null
    })
    if (expired !== null) report[expired ? 'expired' : 'skipped'].push(orderId)
  }
  return report
}

/**
 * The core job that runs the expiry sweep. The schedule (see
 * app/services/periodic_jobs.ts) queues it every minute in
 * whichever process works jobs.
 */
export function expireUnpaidOrdersJob(): JobDefinition<{ limit?: number }> {
  return {
    name: EXPIRE_UNPAID_ORDERS_JOB,
    attempts: 3,
    backoffMs: 5000,
    async handle(payload) {
      // Work through a backlog in batches; each batch is its own set of transactions.
      for (let round = 0; round < 20; round++) {
        const report = await expireUnpaidOrders({ limit: payload?.limit ?? 100 })
        if (report.expired.length > 0) logger.info({ orders: report.expired }, 'expired unpaid orders')
        if (report.failed.length > 0) logger.warn({ failures: report.failed }, 'some unpaid orders could not be expired')
        // Failures wait for the next sweep instead of being retried in a tight loop.
        if (report.expired.length + report.skipped.length < (payload?.limit ?? 100) || report.failed.length > 0) return
      }
    },
  }
}
