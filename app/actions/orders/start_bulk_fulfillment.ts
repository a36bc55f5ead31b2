import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { dbTimestamp } from '#services/db_time'
import { BULK_FULFILL_JOB } from '#jobs/bulk_fulfill_job'
import { bulkSelectionQuery, type BulkSelection } from '#actions/orders/bulk_selection'

export interface BulkFulfillmentOptions {
  carrier?: string | null
}

/**
 * Records a bulk fulfillment (what was selected, by whom, how many orders)
 * and queues the job that ships them. "All matching this filter" is frozen
 * at the highest order id of the moment, so orders placed while the job
 * runs are not swept in. Answers the operation id for the progress page.
 */
export async function startBulkFulfillment(selection: BulkSelection, options: BulkFulfillmentOptions, actor: Actor) {
  const frozen: BulkSelection =
    'filters' in selection ? { filters: selection.filters, maxId: Number((await db.from('orders').max('id as max').first())?.max ?? 0) } : selection
  const selected = await bulkSelectionQuery(frozen)
  const [counted] = await selected().count('* as total')
  const total = Number(counted?.total ?? 0)

  const id = await db.transaction(async (trx) => {
    const now = dbTimestamp(trx)
    const [row] = await trx
      .table('bulk_operations')
      .insert({
        kind: 'fulfillment',
        status: 'queued',
        staff_user_id: actor.type === 'staff' ? (actor.id ?? null) : null,
        selection: JSON.stringify(frozen),
        options: JSON.stringify({ carrier: options.carrier ?? null }),
        total,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    const operationId = Number(typeof row === 'object' ? row.id : row)
    await recordAudit(
      {
        actor,
        action: 'order.bulk_fulfill',
        subjectType: 'bulk_operation',
        subjectId: operationId,
        changes: { selection: [null, frozen], carrier: [null, options.carrier ?? null], total: [null, total] },
      },
      trx
    )
    return operationId
  })
  await jobs.dispatch(BULK_FULFILL_JOB, { operationId: id }, { dedupeKey: `${BULK_FULFILL_JOB}:${id}` })
  return { id, total }
}
