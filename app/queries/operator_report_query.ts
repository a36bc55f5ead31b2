import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { dbTimestamp } from '#services/db_time'
import { PAID_STATUSES } from '#queries/admin_customer_stats'

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

/** The UTC day (YYYY-MM-DD) of a timestamp column, in SQL. SQLite stores the text dbTimestamp wrote (UTC here). */
export function daySql(column: string) {
  return db.connection().dialect.name === 'postgres'
    ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`
    : `substr(${column}, 1, 10)`
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

export interface CustomerPeriodRow {
  period: string
  newCustomers: number
  orderingCustomers: number
  /** ordering customers whose first paid order came before the period */
  returningCustomers: number
  orders: number
  /** minor units, paid orders of registered customers */
  revenue: number
}

export interface TopCustomer {
  email: string
  name: string
  orders: number
  revenue: number
}

const PAID = PAID_STATUSES as unknown as string[]

/**
 * Customers per period: sign-ups, customers with paid orders, how many of
 * them had paid before the period, their orders and revenue (order totals
 * in `currency`; guest orders count for no customer); plus the customers
 * who spent most over the whole range.
 */
export async function customerReport(from: string, to: string, group: ReportGroup, currency: string, top = 10) {
  const { start, end } = reportBounds(from, to)
  const placed = 'coalesce(o.placed_at, o.created_at)'
  const firstPaid = db
    .from('orders')
    .whereNotNull('customer_id')
    .whereIn('payment_status', PAID)
    .where('currency', currency)
    .groupBy('customer_id')
    .select('customer_id')
    .select(db.raw(`min(${daySql('coalesce(placed_at, created_at)')}) as first_day`))
  const orderRows = await db
    .from('orders as o')
    .joinRaw('join (' + firstPaid.toQuery() + ') f on f.customer_id = o.customer_id')
    .whereIn('o.payment_status', PAID)
    .where('o.currency', currency)
    .whereRaw(`${placed} >= ?`, [start])
    .whereRaw(`${placed} < ?`, [end])
    .select('o.customer_id', 'f.first_day')
    .select(db.raw(`${daySql(placed)} as day`))
    .select(db.raw('count(*) as orders'))
    .select(db.raw('sum(o.total) as revenue'))
    .groupByRaw(`o.customer_id, f.first_day, ${daySql(placed)}`)
  const signUps = await db
    .from('customers')
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .select(db.raw(`${daySql('created_at')} as day`))
    .select(db.raw('count(*) as customers'))
    .groupByRaw(daySql('created_at'))

  const periods = new Map<string, CustomerPeriodRow & { ordering: Set<number>; returning: Set<number> }>()
  const periodRow = (period: string) => {
    let row = periods.get(period)
    if (!row) {
      row = { period, newCustomers: 0, orderingCustomers: 0, returningCustomers: 0, orders: 0, revenue: 0, ordering: new Set(), returning: new Set() }
      periods.set(period, row)
    }
    return row
  }
  for (const row of signUps) periodRow(periodOf(row.day, group)).newCustomers += Number(row.customers)
  for (const row of orderRows) {
    const period = periodOf(row.day, group)
    const total = periodRow(period)
    const id = Number(row.customer_id)
    total.ordering.add(id)
    if (row.first_day < period) total.returning.add(id)
    total.orders += Number(row.orders)
    total.revenue += Number(row.revenue)
  }
  const rows: CustomerPeriodRow[] = [...periods.values()]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map(({ ordering, returning, ...row }) => ({ ...row, orderingCustomers: ordering.size, returningCustomers: returning.size }))

  const best = await db
    .from('orders as o')
    .join('customers as c', 'c.id', 'o.customer_id')
    .whereIn('o.payment_status', PAID)
    .where('o.currency', currency)
    .whereRaw(`${placed} >= ?`, [start])
    .whereRaw(`${placed} < ?`, [end])
    .groupBy('c.id', 'c.email', 'c.first_name', 'c.last_name')
    .select('c.email', 'c.first_name', 'c.last_name')
    .select(db.raw('count(*) as orders'))
    .select(db.raw('sum(o.total) as revenue'))
    .orderByRaw('sum(o.total) desc, c.email asc')
    .limit(top)
  const topCustomers: TopCustomer[] = best.map((row) => ({
    email: row.email,
    name: [row.first_name, row.last_name].filter(Boolean).join(' '),
    orders: Number(row.orders),
    revenue: Number(row.revenue),
  }))
  return { rows, topCustomers }
}
