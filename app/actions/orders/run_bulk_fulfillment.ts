import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#services/actor'
import { dbTimestamp, affectedRows } from '#services/db_time'
import Order from '#models/order'
import { unitsToShipSql } from '#models/order_rules'
import { OrderNotFulfillableError, OverFulfillmentError } from '#models/order_errors'
import { OrderChangedError, InvalidOrderTransitionError } from '#models/order_transitions'
import FulfillOrder from '#actions/orders/fulfill_order'
import type { BulkFulfillmentOptions, TrackingRow } from '#actions/orders/start_bulk_fulfillment'
import { fulfillmentSelectionQuery, type FulfillmentSelection } from '#queries/fulfillment_selection_query'

const BATCH = 100

/** What happened to one order of a run. */
export type FulfillmentOutcome = { orderId: number; number: number } & (
  | { kind: 'succeeded'; units: number }
  | { kind: 'skipped' | 'failed'; reason: string }
)

/**
 * Works one fulfillment run recorded by StartBulkFulfillment, for the
 * admin's job and the CLI alike: ships every unit left of each selected
 * order through FulfillOrder (which applies the ship rule, locks the order
 * and refuses over-shipping in SQL), in order id order, recording progress
 * on the `bulk_operations` row after each order and calling `onOutcome`.
 * Safe to run twice and beside another run: an order shipped meanwhile is
 * refused by FulfillOrder and reported as skipped; a finished operation is
 * not run again; a retried job resumes after the last order it recorded.
 */
@inject()
export default class RunBulkFulfillment {
  constructor(private fulfillOrder: FulfillOrder) {}

  async handle(operationId: number, onOutcome?: (outcome: FulfillmentOutcome) => void) {
    const claimed = await db
      .from('bulk_operations')
      .where('id', operationId)
      .whereIn('status', ['queued', 'running'])
      .update({ status: 'running', started_at: dbTimestamp(), updated_at: dbTimestamp() })
    if (affectedRows(claimed) !== 1) return

    const operation = await db.from('bulk_operations').where('id', operationId).firstOrFail()
    const selection = parseJson<FulfillmentSelection>(operation.selection)
    const options = parseJson<BulkFulfillmentOptions & { actor?: Actor }>(operation.options) ?? {}
    const actor: Actor =
      options.actor ?? (operation.staff_user_id ? { type: 'staff', id: Number(operation.staff_user_id) } : { type: 'system' })
    let cursor = Number(operation.cursor)
    const selected = await fulfillmentSelectionQuery(selection)

    while (true) {
      const batch = await selected().where('id', '>', cursor).orderBy('id').limit(BATCH).select('id', 'number')
      if (batch.length === 0) break
      for (const row of batch) {
        const order = { orderId: Number(row.id), number: Number(row.number) }
        const tracking = options.tracking?.[order.number]
        const outcome = { ...order, ...(await this.shipEverythingLeft(order.orderId, tracking, options.carrier ?? null, actor)) }
        await recordProgress(operationId, outcome)
        onOutcome?.(outcome)
        cursor = order.orderId
      }
    }

    await db
      .from('bulk_operations')
      .where('id', operationId)
      .where('status', 'running')
      .update({ status: 'done', finished_at: dbTimestamp(), updated_at: dbTimestamp() })
  }

  /** Marks an operation whose job gave up, with the reason, so the progress page stops waiting. */
  async markFailed(operationId: number, message: string) {
    await db
      .from('bulk_operations')
      .where('id', operationId)
      .whereIn('status', ['queued', 'running'])
      .update({ status: 'failed', error: message.slice(0, 2000), finished_at: dbTimestamp(), updated_at: dbTimestamp() })
  }

  private async shipEverythingLeft(
    orderId: number,
    tracking: TrackingRow | undefined,
    carrier: string | null,
    actor: Actor
  ) {
    const lines = await db
      .from('order_lines')
      .where('order_id', orderId)
      .whereRaw(`${unitsToShipSql()} > 0`)
      .select('id', db.raw(`${unitsToShipSql()} as remaining`))
    try {
      if (lines.length === 0) {
        // the order-level refusal says more than "nothing left" when the order itself cannot ship
        const order = await Order.find(orderId)
        return { kind: 'skipped' as const, reason: order?.shipRefusal ?? 'Nothing left to ship' }
      }
      const units = lines.reduce((sum, line) => sum + Number(line.remaining), 0)
      await this.fulfillOrder.handle(
        orderId,
        {
          lines: lines.map((line) => ({ orderLineId: Number(line.id), quantity: Number(line.remaining) })),
          carrier: tracking?.carrier ?? carrier,
          trackingNumber: tracking?.trackingNumber ?? null,
          trackingUrl: tracking?.trackingUrl ?? null,
        },
        actor
      )
      return { kind: 'succeeded' as const, units }
    } catch (error) {
      if (error instanceof OrderNotFulfillableError || error instanceof OverFulfillmentError) {
        return { kind: 'skipped' as const, reason: error.message }
      }
      if (error instanceof OrderChangedError || error instanceof InvalidOrderTransitionError) {
        return { kind: 'failed' as const, reason: `${error.message}; run it again to retry this order` }
      }
      return { kind: 'failed' as const, reason: error instanceof Error ? error.message : String(error) }
    }
  }
}

async function recordProgress(operationId: number, outcome: FulfillmentOutcome) {
  await db.transaction(async (trx) => {
    const now = dbTimestamp(trx)
    await trx
      .from('bulk_operations')
      .where('id', operationId)
      .update({
        processed: trx.knexRawQuery('processed + 1'),
        [outcome.kind]: trx.knexRawQuery(`${outcome.kind} + 1`),
        cursor: outcome.orderId,
        updated_at: now,
      })
    if (outcome.kind !== 'succeeded') {
      await trx
        .table('bulk_operation_items')
        .insert({
          bulk_operation_id: operationId,
          order_id: outcome.orderId,
          order_number: outcome.number,
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
