import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { stringify } from 'csv-stringify'
import { dbTimestamp } from '#services/db_time'
import { fulfillOrder, OrderNotFulfillableError, OverFulfillmentError } from '#actions/orders/fulfill_order'

export interface TrackingRow {
  carrier: string | null
  trackingNumber: string | null
  trackingUrl: string | null
}

export interface RunFulfillmentOptions {
  /** only orders placed at least this long ago (minutes) */
  olderThanMinutes?: number
  limit?: number
  /** orders to ship, by order number, with their tracking; without it every selected order ships */
  tracking?: Map<number, TrackingRow>
  carrier?: string | null
  /** CSV of what to pick: one row per SKU with the total quantity, then the orders it goes to */
  pickListPath?: string
  dryRun?: boolean
}

export interface RunFulfillmentResult {
  selected: number
  fulfilled: Array<{ number: number; units: number }>
  skipped: Array<{ number: number; reason: string }>
  dryRun: boolean
}

interface OpenLine {
  order_id: number
  number: number
  line_id: number
  sku: string | null
  title: string
  variant_title: string | null
  remaining: number
}

/**
 * A fulfillment run, as an operator would do it from cron: picks paid,
 * open orders with something left to ship (oldest first), writes a pick
 * list, and ships each order's remaining units through fulfillOrder, the
 * same action the admin uses. Safe to run twice and beside staff: an order
 * someone shipped meanwhile is refused by the database (OverFulfillment) and
 * reported as skipped, never shipped twice. The shipped email follows from
 * the OrderFulfilled event.
 */
export default class RunFulfillment {
  async handle(options: RunFulfillmentOptions = {}): Promise<RunFulfillmentResult> {
    const lines = await openLines(options)
    const byOrder = new Map<number, OpenLine[]>()
    for (const line of lines) byOrder.set(line.order_id, [...(byOrder.get(line.order_id) ?? []), line])
    const result: RunFulfillmentResult = { selected: byOrder.size, fulfilled: [], skipped: [], dryRun: Boolean(options.dryRun) }
    if (options.pickListPath) await writePickList(options.pickListPath, lines)

    for (const [orderId, orderLines] of byOrder) {
      const number = orderLines[0].number
      const tracking = options.tracking?.get(number)
      const units = orderLines.reduce((sum, line) => sum + line.remaining, 0)
      if (options.dryRun) {
        result.fulfilled.push({ number, units })
        continue
      }
      try {
        await fulfillOrder(
          orderId,
          {
            lines: orderLines.map((line) => ({ orderLineId: line.line_id, quantity: line.remaining })),
            carrier: tracking?.carrier ?? options.carrier ?? null,
            trackingNumber: tracking?.trackingNumber ?? null,
            trackingUrl: tracking?.trackingUrl ?? null,
          },
          { type: 'cli' }
        )
        result.fulfilled.push({ number, units })
      } catch (error) {
        if (!(error instanceof OverFulfillmentError || error instanceof OrderNotFulfillableError)) throw error
        result.skipped.push({ number, reason: error.message })
      }
    }
    if (options.tracking) {
      const seen = new Set(lines.map((line) => line.number))
      for (const number of options.tracking.keys()) {
        if (!seen.has(number)) result.skipped.push({ number, reason: 'not open for fulfillment (unknown, unpaid, cancelled or already shipped)' })
      }
    }
    return result
  }
}

/** Every unshipped unit of the orders this run may ship, oldest order first. */
async function openLines(options: RunFulfillmentOptions): Promise<OpenLine[]> {
  const orders = db
    .from('orders')
    .where('status', 'open')
    .whereIn('payment_status', ['paid', 'partially_refunded'])
    .whereIn('fulfillment_status', ['unfulfilled', 'partially_fulfilled'])
    .orderBy('placed_at')
    .orderBy('id')
    .select('id')
  if (options.olderThanMinutes) {
    orders.where('placed_at', '<=', dbTimestamp(db.connection(), DateTime.now().minus({ minutes: options.olderThanMinutes })))
  }
  if (options.tracking) orders.whereIn('number', [...options.tracking.keys()])
  if (options.limit) orders.limit(options.limit)

  const rows = await db
    .from('order_lines')
    .join('orders', 'orders.id', 'order_lines.order_id')
    .whereIn('order_lines.order_id', orders)
    .whereRaw('order_lines.quantity > order_lines.fulfilled_quantity')
    .orderBy('orders.placed_at')
    .orderBy('orders.id')
    .orderBy('order_lines.id')
    .select(
      'order_lines.order_id',
      'orders.number',
      'order_lines.id as line_id',
      'order_lines.sku',
      'order_lines.title',
      'order_lines.variant_title',
      db.raw('order_lines.quantity - order_lines.fulfilled_quantity as remaining')
    )
  return rows.map((row) => ({ ...row, order_id: Number(row.order_id), number: Number(row.number), line_id: Number(row.line_id), remaining: Number(row.remaining) }))
}

async function writePickList(path: string, lines: OpenLine[]) {
  const bySku = new Map<string, { sku: string; title: string; quantity: number; orders: Set<number> }>()
  for (const line of lines) {
    const key = line.sku ?? `${line.title} ${line.variant_title ?? ''}`.trim()
    const entry = bySku.get(key) ?? { sku: line.sku ?? '', title: [line.title, line.variant_title].filter(Boolean).join(' / '), quantity: 0, orders: new Set() }
    entry.quantity += line.remaining
    entry.orders.add(line.number)
    bySku.set(key, entry)
  }
  const csv = stringify({ header: true, columns: ['sku', 'title', 'quantity', 'orders'] })
  const file = createWriteStream(path)
  csv.pipe(file)
  for (const entry of [...bySku.values()].sort((a, b) => a.sku.localeCompare(b.sku))) {
    csv.write({ sku: entry.sku, title: entry.title, quantity: entry.quantity, orders: [...entry.orders].map((n) => `#${n}`).join(' ') })
  }
  csv.end()
  await once(file, 'finish')
}
