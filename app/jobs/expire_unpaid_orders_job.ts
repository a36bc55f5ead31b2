import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import type { JobDefinition } from '#plugin_host/types'
import ExpireUnpaidOrders from '#actions/orders/expire_unpaid_orders'

export const EXPIRE_UNPAID_ORDERS_JOB = 'orders.expire-unpaid'

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
      const expireUnpaid = await app.container.make(ExpireUnpaidOrders)
      // Work through a backlog in batches; each batch is its own set of transactions.
      for (let round = 0; round < 20; round++) {
        const report = await expireUnpaid.handle({ limit: payload?.limit ?? 100 })
        if (report.expired.length > 0) logger.info({ orders: report.expired }, 'expired unpaid orders')
        if (report.failed.length > 0) logger.warn({ failures: report.failed }, 'some unpaid orders could not be expired')
        // Failures wait for the next sweep instead of being retried in a tight loop.
        if (report.expired.length + report.skipped.length < (payload?.limit ?? 100) || report.failed.length > 0) return
      }
    },
  }
}
