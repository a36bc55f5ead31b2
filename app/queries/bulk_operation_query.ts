import db from '@adonisjs/lucid/services/db'
import { displayTime } from '#queries/admin_orders_query'

/** Orders listed as skipped or failed on the progress page; the counters cover the rest. */
const ITEMS_SHOWN = 200

export interface BulkOperationView {
  id: number
  status: 'queued' | 'running' | 'done' | 'failed'
  finished: boolean
  total: number
  processed: number
  succeeded: number
  skipped: number
  failed: number
  percent: number
  /** selected by a filter, but no longer shippable when the job reached them (someone else shipped or changed them) */
  vanished: number
  carrier: string | null
  error: string | null
  createdAt: string
  finishedAt: string
  items: Array<{ orderId: number | null; orderNumber: number | null; outcome: string; reason: string }>
}

/** One bulk operation with its counters and the orders it could not handle, failures first. */
export async function bulkOperation(id: number): Promise<BulkOperationView | null> {
  const row = await db.from('bulk_operations').where('id', id).first()
  if (!row) return null
  const items = await db
    .from('bulk_operation_items')
    .where('bulk_operation_id', id)
    .orderByRaw(`case when outcome = 'failed' then 0 else 1 end`)
    .orderBy('id')
    .limit(ITEMS_SHOWN)
  const options = typeof row.options === 'string' ? JSON.parse(row.options) : (row.options ?? {})
  const total = Number(row.total)
  const processed = Number(row.processed)
  return {
    id: Number(row.id),
    status: row.status,
    finished: row.status === 'done' || row.status === 'failed',
    total,
    processed,
    succeeded: Number(row.succeeded),
    skipped: Number(row.skipped),
    failed: Number(row.failed),
    percent: total && row.status !== 'done' ? Math.min(100, Math.round((processed / total) * 100)) : 100,
    vanished: row.status === 'done' ? Math.max(0, total - processed) : 0,
    carrier: options?.carrier ?? null,
    error: row.error,
    createdAt: displayTime(row.created_at),
    finishedAt: displayTime(row.finished_at),
    items: items.map((item) => ({
      orderId: item.order_id === null ? null : Number(item.order_id),
      orderNumber: item.order_number === null ? null : Number(item.order_number),
      outcome: item.outcome,
      reason: item.reason,
    })),
  }
}
