import app from '@adonisjs/core/services/app'
import type { JobDefinition } from '#plugin_host/types'
import RunBulkFulfillment from '#actions/orders/run_bulk_fulfillment'

export const BULK_FULFILL_JOB = 'orders.bulk_fulfill'

export interface BulkFulfillPayload {
  operationId: number
}

/**
 * Ships the orders of one fulfillment run in the background (see
 * RunBulkFulfillment, which the CLI also runs inline). A retry resumes
 * after the last recorded order; after the last attempt the operation is
 * marked failed so the progress page says so.
 */
export function bulkFulfillJob(): JobDefinition<BulkFulfillPayload> {
  return {
    name: BULK_FULFILL_JOB,
    attempts: 3,
    backoffMs: 5_000,
    async handle(payload) {
      await (await app.container.make(RunBulkFulfillment)).handle(payload.operationId)
    },
    async failed(payload, error) {
      await (await app.container.make(RunBulkFulfillment)).markFailed(payload.operationId, error.message)
    },
  }
}
