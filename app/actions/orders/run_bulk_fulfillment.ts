import db from '@adonisjs/lucid/services/db'
import { dbTimestamp, affectedRows } from '#services/db_time'
import { fulfillOrder, OrderNotFulfillableError, OverFulfillmentError } from '#actions/orders/fulfill_order'
import { OrderChangedError, InvalidOrderTransitionError } from '#actions/orders/transition_order'
import { bulkSelectionQuery, type BulkSelection } from '#actions/orders/bulk_selection'
import type { Actor } from '#services/actor'

const BATCH = 100

type Outcome = { kind: 'succeeded' } | { kind: 'skipped' | 'failed'; reason: string }

/**
 * The bulk fulfillment job's work: ships every remaining unit of each
 * selected order through fulfillOrder (the action staff and the CLI use,
 * which locks the order and refuses over-shipping in SQL), in order id
 * order, recording progress after each order. Safe to run twice and beside
 * the CLI: an order shipped meanwhile is refused by fulfillOrder and
 * reported as skipped; a finished operation is not run again; a retried
 * job resumes after the last order it recorded.
 */
export async function runBulkFulfillment(operationId: number) {
  const claimed = await db
    .from('bulk_operations')
    .where('id', operationId)
    .whereIn('status', ['queued', 'running'])
    .update({ status: 'running', started_at: dbTimestamp(), updated_at: dbTimestamp() })
  if (affectedRows(claimed) !== 1) return

  const operation = await db.from('bulk_operations').where('id', operationId).firstOrFail()
  const selection = parseJson<BulkSelection>(operation.selection)
  const options = parseJson<{ carrier?: string | null }>(operation.options) ?? {}
  const actor: Actor = operation.staff_user_id ? { type: 'staff', id: Number(operation.staff_user_id) } : { type: 'system' }
  let cursor = Number(operation.cursor)
  const selected = await bulkSelectionQuery(selection)

  while (true) {
    const batch = await selected().where('id', '>', cursor).orderBy('id').limit(BATCH).select('id', 'number')
    if (batch.length === 0) break
    for (const row of batch) {
      const outcome = await shipEverythingLeft(Number(row.id), options.carrier ?? null, actor)
      await recordProgress(operationId, Number(row.id), Number(row.number), outcome)
      cursor = Number(row.id)
    }
  }

  await db
    .from('bulk_operations')
    .where('id', operationId)
    .where('status', 'running')
    .update({ status: 'done', finished_at: dbTimestamp(), updated_at: dbTimestamp() })
}

/** Marks an operation whose job gave up, with the reason, so the page stops waiting. */
export async function markBulkOperationFailed(operationId: number, message: string) {
  await db
    .from('bulk_operations')
    .where('id', operationId)
    .whereIn('status', ['queued', 'running'])
    .update({ status: 'failed', error: message.slice(0, 2000), finished_at: dbTimestamp(), updated_at: dbTimestamp() })
}

async function shipEverythingLeft(orderId: number, carrier: string | null, actor: Actor): Promise<Outcome> {
  const lines = await db
    .from('order_lines')
    .where('order_id', orderId)
    .whereRaw('quantity > fulfilled_quantity')
    .select('id', db.raw('quantity - fulfilled_quantity as remaining'))
  if (lines.length === 0) return { kind: 'skipped', reason: 'Nothing left to ship' }
  try {
    await fulfillOrder(
      orderId,
      { lines: lines.map((line) => ({ orderLineId: Number(line.id), quantity: Number(line.remaining) })), carrier },
      actor
    )
    return { kind: 'succeeded' }
  } catch (error) {
    if (error instanceof OrderNotFulfillableError || error instanceof OverFulfillmentError) {
      return { kind: 'skipped', reason: error.message }
    }
    if (error instanceof OrderChangedError || error instanceof InvalidOrderTransitionError) {
      return { kind: 'failed', reason: `${error.message}; run it again to retry this order` }
    }
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) }
  }
}

async function recordProgress(operationId: number, orderId: number, orderNumber: number, outcome: Outcome) {
  await db.transaction(async (trx) => {
    const now = dbTimestamp(trx)
    await trx
      .from('bulk_operations')
      .where('id', operationId)
      .update({
        processed: trx.knexRawQuery('processed + 1'),
        [outcome.kind]: trx.knexRawQuery(`${outcome.kind} + 1`),
        cursor: orderId,
        updated_at: now,
      })
    if (outcome.kind !== 'succeeded') {
      await trx
        .table('bulk_operation_items')
        .insert({
          bulk_operation_id: operationId,
          order_id: orderId,
          order_number: orderNumber,
          outcome: outcome.kind,
          reason: outcome.reason.slice(0, 500),
          created_at: now,
        })
        .knexQuery.onConflict(['bulk_operation_id', 'order_id'])
        .ignore()
    }
  })
}

function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}
