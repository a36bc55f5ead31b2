import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import { cliActor } from '#services/actor'
import { pickList, type PickList } from '#queries/pick_list_query'
import { oldestShippableOrderIds } from '#queries/fulfillment_selection_query'
import { dbTimestamp } from '#services/db_time'
import StartBulkFulfillment, { type TrackingRow } from '#actions/orders/start_bulk_fulfillment'
import RunBulkFulfillment from '#actions/orders/run_bulk_fulfillment'

export interface RunFulfillmentOptions {
  /** only orders placed at least this long ago (minutes) */
  olderThanMinutes?: number
  limit?: number
  /** orders to ship, by order number, with their tracking; without it every order that may ship ships */
  tracking?: Map<number, TrackingRow>
  carrier?: string | null
  /** given the pick list of the selected orders before anything ships (the CLI writes it as CSV) */
  pickList?: (list: PickList) => Promise<void>
  dryRun?: boolean
}

export interface RunFulfillmentResult {
  selected: number
  fulfilled: Array<{ number: number; units: number }>
  skipped: Array<{ number: number; reason: string }>
  dryRun: boolean
  /** the `bulk_operations` row that recorded the run (null for a dry run or an empty one) */
  operationId: number | null
}

/**
 * A fulfillment run as an operator does it from cron (`stockroom fulfill`):
 * the same engine as the admin's bulk fulfillment, worked inline. Selects
 * the orders (every order that may ship, oldest first, or those of a
 * tracking file), hands their pick list to `pickList`, records the run on
 * `bulk_operations` with its audit entry (StartBulkFulfillment) and ships
 * each order (RunBulkFulfillment → FulfillOrder), so progress, audit,
 * shipped emails and the refusals are the admin's. Safe to run twice and
 * beside staff: an order shipped meanwhile is reported as skipped.
 */
@inject()
export default class RunFulfillment {
  constructor(
    private start: StartBulkFulfillment,
    private run: RunBulkFulfillment
  ) {}

  async handle(options: RunFulfillmentOptions = {}): Promise<RunFulfillmentResult> {
    const placedBefore = options.olderThanMinutes ? (DateTime.now().minus({ minutes: options.olderThanMinutes }) as DateTime<true>) : undefined
    const { orderIds, skipped } = options.tracking
      ? await trackedOrders([...options.tracking.keys()], placedBefore, options.limit)
      : { orderIds: await oldestShippableOrderIds({ placedBefore, limit: options.limit }), skipped: [] }
    const result: RunFulfillmentResult = { selected: orderIds.length, fulfilled: [], skipped, dryRun: Boolean(options.dryRun), operationId: null }

    const picks = await pickList(orderIds)
    if (options.pickList) await options.pickList(picks)
    if (options.dryRun) {
      result.fulfilled = picks.orders.map((order) => ({ number: order.number, units: order.units }))
      const shippable = new Set(picks.orders.map((order) => order.id))
      for (const order of await Order.findMany(orderIds.filter((id) => !shippable.has(id)))) {
        result.skipped.push({ number: order.number, reason: order.shipRefusal ?? 'Nothing left to ship' })
      }
      return result
    }
    if (!orderIds.length) return result

    const tracking = options.tracking ? Object.fromEntries(options.tracking) : undefined
    const { id } = await this.start.handle({ orderIds }, { carrier: options.carrier ?? null, tracking }, cliActor(), { queue: false })
    result.operationId = id
    await this.run.handle(id, (outcome) => {
      if (outcome.kind === 'succeeded') result.fulfilled.push({ number: outcome.number, units: outcome.units })
      else result.skipped.push({ number: outcome.number, reason: outcome.reason })
    })
    return result
  }
}

/** The orders of a tracking file, as --older-than and --limit allow; numbers left out are reported with why. */
async function trackedOrders(numbers: number[], placedBefore: DateTime<true> | undefined, limit: number | undefined) {
  const known = new Set((await db.from('orders').whereIn('number', numbers).select('number')).map((row) => Number(row.number)))
  const eligible = db.from('orders').whereIn('number', numbers).orderBy('placed_at').orderBy('id').select('id', 'number')
  if (placedBefore) eligible.where('placed_at', '<=', dbTimestamp(db.connection(), placedBefore))
  if (limit) eligible.limit(limit)
  const rows = await eligible
  const chosen = new Set(rows.map((row) => Number(row.number)))
  const skipped: RunFulfillmentResult['skipped'] = numbers
    .filter((number) => !chosen.has(number))
    .map((number) => ({ number, reason: known.has(number) ? 'left out by --older-than or --limit' : 'no order has this number' }))
  return { orderIds: rows.map((row) => Number(row.id)), skipped }
}
