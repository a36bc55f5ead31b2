import { createWriteStream, existsSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { Command } from 'commander'
import { parse } from 'csv-parse/sync'
import { csvStringifier } from '#services/csv'
import app from '@adonisjs/core/services/app'
import RunFulfillment from '#actions/orders/run_fulfillment'
import type { TrackingRow } from '#actions/orders/start_bulk_fulfillment'
import type { PickList } from '#queries/pick_list_query'
import { CliUsageError, type CliContext } from '#cli/context'

const EXAMPLES = `
Examples:
  $ stockroom fulfill --older-than 2h --pick-list picks.csv --dry-run
  $ stockroom fulfill --tracking shipped-today.csv
  $ stockroom fulfill --older-than 1d --limit 200 --carrier "Royal Mail" --json

--tracking reads a CSV with the columns order (the order number, "#1001"
or "1001"), carrier, tracking_number and tracking_url: only those orders
ship, each with its tracking. Without it every paid order left to ship
(and older than --older-than) ships in full. Orders someone shipped
meanwhile are skipped, never shipped twice. The shipped email goes out
from the OrderFulfilled event.

Exit codes: 0 done, 1 some orders were skipped, 2 bad usage.`

/** "90m", "2h", "1d" in minutes. */
export function parseAge(text: string): number {
  const match = /^(\d+)\s*(m|h|d)$/i.exec(text.trim())
  if (!match) throw new CliUsageError(`--older-than: "${text}" is not a duration like 30m, 2h or 1d`)
  return Number(match[1]) * { m: 1, h: 60, d: 1440 }[match[2].toLowerCase() as 'm' | 'h' | 'd']
}

function readTracking(path: string): Map<number, TrackingRow> {
  if (!existsSync(path)) throw new CliUsageError(`No such file: ${path}`)
  const records: Record<string, string>[] = parse(readFileSync(path), { columns: (h: string[]) => h.map((n) => n.trim().toLowerCase()), bom: true, skip_empty_lines: true })
  const rows = new Map<number, TrackingRow>()
  records.forEach((record, index) => {
    const number = Number((record.order ?? '').replace(/^#/, '').trim())
    if (!Number.isInteger(number) || number <= 0) throw new CliUsageError(`${path} line ${index + 2}: "${record.order ?? ''}" is not an order number`)
    const url = (record.tracking_url ?? '').trim()
    if (url && !/^https?:\/\//i.test(url)) throw new CliUsageError(`${path} line ${index + 2}: tracking_url must start with http:// or https://`)
    rows.set(number, {
      carrier: (record.carrier ?? '').trim().slice(0, 64) || null,
      trackingNumber: (record.tracking_number ?? '').trim().slice(0, 128) || null,
      trackingUrl: url || null,
    })
  })
  return rows
}

/** The pick list as CSV: SKU, title, quantity and the orders it goes to ("#1001 #1002"). */
async function writePickList(path: string, list: PickList) {
  const csv = csvStringifier({ header: true, columns: ['sku', 'title', 'quantity', 'orders'] })
  const file = createWriteStream(path)
  csv.pipe(file)
  for (const entry of list.entries) {
    csv.write({ sku: entry.sku, title: entry.title, quantity: entry.quantity, orders: entry.orders.map((order) => `#${order.number}`).join(' ') })
  }
  csv.end()
  await once(file, 'finish')
}

/**
 * `stockroom fulfill`: a fulfillment run through the admin's bulk
 * fulfillment engine, worked inline (app/actions/orders/run_fulfillment.ts):
 * the run is recorded in `bulk_operations` and audited like one started in
 * the admin.
 */
export default function fulfillCommand(cli: CliContext) {
  return new Command('fulfill')
    .description('ship paid orders: pick list, fulfillments with tracking, shipped emails; safe beside staff and to run twice')
    .option('--older-than <age>', 'only orders placed at least this long ago: 30m, 2h, 1d')
    .option('--limit <n>', 'at most this many orders, oldest first')
    .option('--carrier <name>', 'carrier for every shipment (a --tracking file may name one per order)')
    .option('--tracking <file.csv>', 'ship only these orders, with their tracking (order, carrier, tracking_number, tracking_url)')
    .option('--pick-list <file.csv>', 'write what to pick: SKU, title, quantity and the orders it goes to')
    .option('--dry-run', 'list what would ship and write the pick list; ship nothing', false)
    .addHelpText('after', EXAMPLES)
    .action(async (options, self: Command) => {
      const limit = options.limit === undefined ? undefined : Number(options.limit)
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new CliUsageError('--limit must be a whole number above 0')
      const runFulfillment = await app.container.make(RunFulfillment)
      const result = await runFulfillment.handle({
        olderThanMinutes: options.olderThan ? parseAge(options.olderThan) : undefined,
        limit,
        carrier: options.carrier ? String(options.carrier).slice(0, 64) : null,
        tracking: options.tracking ? readTracking(options.tracking) : undefined,
        pickList: options.pickList ? (list) => writePickList(options.pickList, list) : undefined,
        dryRun: options.dryRun,
      })
      cli.print(self, result, () =>
        [
          `${result.dryRun ? 'Dry run (nothing shipped): would fulfil' : 'Fulfilled'} ${result.fulfilled.length} of ${result.selected} orders` +
            ` (${result.fulfilled.reduce((sum, order) => sum + order.units, 0)} units)`,
          ...result.skipped.map((skip) => `  skipped #${skip.number}: ${skip.reason}`),
          ...(options.pickList ? [`  pick list: ${options.pickList}`] : []),
        ].join('\n') + '\n'
      )
      if (result.skipped.length) cli.exitCode = 1
    })
}
