import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { dbTimestamp } from '#services/db_time'

export type ReportGroup = 'day' | 'week' | 'month'

/** `[from, to]` as whole UTC days: the instants from the start of `from` to before the day after `to`. */
function reportRange(from: string, to: string) {
  // the CLI checked both days (isoDay): these are valid
  const start = DateTime.fromISO(from, { zone: 'UTC' }).startOf('day') as DateTime<true>
  const end = DateTime.fromISO(to, { zone: 'UTC' }).plus({ days: 1 }).startOf('day') as DateTime<true>
  return { start, end }
}

/** reportRange as timestamps to compare with columns. */
export function reportBounds(from: string, to: string) {
  const { start, end } = reportRange(from, to)
  return { start: dbTimestamp(db.connection(), start), end: dbTimestamp(db.connection(), end) }
}

/** The first day of the period a day belongs to: itself, the Monday of its ISO week, or the 1st of its month. */
export function periodOf(day: string, group: ReportGroup) {
  if (group === 'day') return day
  const date = DateTime.fromISO(day, { zone: 'UTC' })
  return (group === 'week' ? date.startOf('week') : date.startOf('month')).toISODate()!
}

export interface StockLevelRow {
  sku: string | null
  handle: string
  variantTitle: string
  location: string
  onHand: number
  reserved: number
  available: number
  /** minor units; null when the variant has no cost */
  cost: number | null
  price: number
  currency: string
}

/**
 * Stock per variant and location now, with the cost and price to value it:
 * the inventory driver's levels (InventoryPort.levelsQuery) joined to the catalog.
 */
export async function stockLevels(inventory?: InventoryPort): Promise<StockLevelRow[]> {
  const levels = (inventory ?? (await app.container.make(InventoryPort))).levelsQuery()
  const rows = await db
    .from(levels.as('l'))
    .join('variants as v', 'v.id', 'l.variant_id')
    .join('products as p', 'p.id', 'v.product_id')
    .select('v.sku', 'p.handle', 'v.title', 'l.location_code', 'l.on_hand', 'l.reserved', 'v.cost', 'v.price', 'v.currency')
    .orderBy('p.handle')
    .orderBy('v.position')
    .orderBy('l.location_code')
  return rows.map((row) => ({
    sku: row.sku,
    handle: row.handle,
    variantTitle: row.title,
    location: row.location_code,
    onHand: Number(row.on_hand),
    reserved: Number(row.reserved),
    available: Number(row.on_hand) - Number(row.reserved),
    cost: row.cost === null ? null : Number(row.cost),
    price: Number(row.price),
    currency: String(row.currency).trim(),
  }))
}

export interface MovementRow {
  period: string
  reason: string
  unitsIn: number
  unitsOut: number
  movements: number
}

/** Ledger movements in the range (the inventory driver's, per UTC day), summed per period and reason (in and out apart). */
export async function stockMovements(from: string, to: string, group: ReportGroup, inventory?: InventoryPort): Promise<MovementRow[]> {
  const { start, end } = reportRange(from, to)
  const days = await (inventory ?? (await app.container.make(InventoryPort))).movementsPerDay({ from: start, to: end })
  const periods = new Map<string, MovementRow>()
  for (const row of days) {
    const period = periodOf(row.day, group)
    const key = `${period}\u0000${row.reason}`
    const total = periods.get(key) ?? { period, reason: row.reason, unitsIn: 0, unitsOut: 0, movements: 0 }
    total.unitsIn += row.unitsIn
    total.unitsOut += row.unitsOut
    total.movements += row.movements
    periods.set(key, total)
  }
  return [...periods.values()].sort((a, b) => a.period.localeCompare(b.period) || a.reason.localeCompare(b.reason))
}
