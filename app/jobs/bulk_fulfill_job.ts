import type { JobDefinition } from '#plugin_host/types'
import { runBulkFulfillment, markBulkOperationFailed } from '#actions/orders/run_bulk_fulfillment'

export const BULK_FULFILL_JOB = 'orders.bulk_fulfill'

export interface BulkFulfillPayload {
  operationId: number
}

/**
 * Ships the orders of one bulk fulfillment (see runBulkFulfillment). A
 * retry resumes after the last recorded order; after the last attempt the
 * operation is marked failed so the progress page says so.
 */
export function bulkFulfillJob(): JobDefinition<BulkFulfillPayload> {
  return {
    name: BULK_FULFILL_JOB,
    attempts: 3,
    backoffMs: 5_000,
    async handle(payload) {
      await runBulkFulfillment(payload.operationId)
    },
    async failed(payload, error) {
      await markBulkOperationFailed(payload.operationId, error.message)
    },
  }
}
