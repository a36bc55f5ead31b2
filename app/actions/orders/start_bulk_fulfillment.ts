import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { dbTimestamp } from '#services/db_time'
import { BULK_FULFILL_JOB } from '#jobs/bulk_fulfill_job'
import { freezeSelection, fulfillmentSelectionQuery, type FulfillmentSelection } from '#queries/fulfillment_selection_query'

/** Tracking for one order of a run, by order number (the CLI's --tracking file). */
export interface TrackingRow {
  carrier: string | null
  trackingNumber: string | null
  trackingUrl: string | null
}

export interface BulkFulfillmentOptions {
  carrier?: string | null
  /** per order number; wins over `carrier` for that order */
  tracking?: Record<number, TrackingRow>
}

/**
 * Records a fulfillment run (what was selected, by whom, how many orders)
 * on a `bulk_operations` row with its audit entry, the one progress record
 * the admin's progress page and the CLI both read. "All matching this
 * filter" is frozen at the highest order id of the moment, so orders placed
 * while the run works are not swept in. Queues the job that ships them,
 * unless `queue: false` (the CLI works the run inline with
 * RunBulkFulfillment). Answers the operation id and the order count.
 */
@inject()
export default class StartBulkFulfillment {
  async handle(selection: FulfillmentSelection, options: BulkFulfillmentOptions, actor: Actor, { queue = true } = {}) {
    const frozen = await freezeSelection(selection)
    const selected = await fulfillmentSelectionQuery(frozen)
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
          // who ships is kept with the run, so each shipment's audit entry names the same actor
          options: JSON.stringify({ carrier: options.carrier ?? null, tracking: options.tracking ?? null, actor: { type: actor.type, id: actor.id ?? null } }),
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
          changes: { selection: [null, frozen], carrier: [null, options.carrier ?? null], orders: [null, total] },
        },
        trx
      )
      return operationId
    })
    if (queue) await jobs.dispatch(BULK_FULFILL_JOB, { operationId: id }, { dedupeKey: `${BULK_FULFILL_JOB}:${id}` })
    return { id, total }
  }
}
