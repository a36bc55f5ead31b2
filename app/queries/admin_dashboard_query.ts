import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import OrderEvent from '#models/order_event'
import StaffUser from '#models/staff_user'
import { RESTATED_EVENTS, actorWords, auditLine, orderEventLine } from '#queries/activity_lines'
import { dbTimestamp } from '#services/db_time'
import { SALE_PAYMENT_STATUSES, whereShippable } from '#models/order_rules'
import { storeCurrency } from '#services/money'
import { storeTimezone } from '#services/store_time'


/** The store's calendar day as UTC bounds (the store's zone from #services/store_time, the one analytics uses too). */
export function storeDayBounds(now: DateTime = DateTime.now(), timezone = storeTimezone()) {
  const zoned = now.setZone(timezone)
  // an unknown zone name would give an invalid day: count in UTC rather than fail the dashboard
  const start = (zoned.isValid ? zoned : now.toUTC()).startOf('day') as DateTime<true>
  return { day: start.toISODate(), timezone: zoned.isValid ? timezone : 'UTC', start, end: start.plus({ days: 1 }).startOf('day') }
}

/**
 * Paid orders placed today (store time) and their gross total, per
 * currency: one range scan of the placed_at index.
 */
export async function todaysOrders(now: DateTime = DateTime.now()) {
  const bounds = storeDayBounds(now)
  const client = db.connection()
  const rows = await client
    .from('orders')
    .where('placed_at', '>=', dbTimestamp(client, bounds.start.toLocal()))
    .where('placed_at', '<', dbTimestamp(client, bounds.end.toLocal()))
    .whereIn('payment_status', [...SALE_PAYMENT_STATUSES])
    .groupBy('currency')
    .orderBy('currency')
    .select('currency')
    .count('* as orders')
    .sum('total as sales')
  return {
    ...bounds,
    byCurrency: rows.map((row) => ({ currency: String(row.currency), orders: Number(row.orders), sales: Number(row.sales ?? 0) })),
  }
}

/** The change from `before` to `now` in whole percent; null when there was nothing before to compare with. */
function percentChange(now: number, before: number): number | null {
  return before === 0 ? null : Math.round(((now - before) / before) * 100)
}

/**
 * Today's paid orders beside yesterday's, per currency: the dashboard's
 * metric cards (a figure and how it compares, as merchants read them).
 */
export async function todayAgainstYesterday(now: DateTime = DateTime.now()) {
  const today = await todaysOrders(now)
  // an instant in the store's previous day, whatever its length (clock changes)
  const yesterday = await todaysOrders(today.start.minus({ hours: 1 }))
  const before = new Map(yesterday.byCurrency.map((row) => [row.currency, row]))
  return {
    ...today,
    byCurrency: today.byCurrency.map((row) => {
      const previous = before.get(row.currency) ?? { orders: 0, sales: 0 }
      return {
        ...row,
        previous: { orders: previous.orders, sales: previous.sales },
        change: { orders: percentChange(row.orders, previous.orders), sales: percentChange(row.sales, previous.sales) },
      }
    }),
  }
}

/** Orders that may ship now (order_rules.whereShippable; the orders_fulfillment_payment_id index). */
export async function awaitingFulfillmentCount() {
  const row = await whereShippable(db.from('orders')).count('* as total').first()
  return Number(row?.total ?? 0)
}

export interface ActivityEntry {
  at: DateTime
  who: string
  text: string
  href: string | null
}

/** "staff:12" → 12, for naming who moved an order. */
function staffIdOf(actor: string | null) {
  const match = /^staff:(\d+)$/.exec(actor ?? '')
  return match ? Number(match[1]) : null
}

/**
 * The latest happenings, newest first: order timeline entries (for staff
 * who read orders) and audit log entries (for staff who manage staff or
 * settings). Two small indexed reads and one for the names.
 */
export async function recentActivity(options: { orders: boolean; audit: boolean }, limit = 10) {
  const [events, audits] = await Promise.all([
    options.orders
      ? OrderEvent.query()
          .whereNotIn('type', [...RESTATED_EVENTS])
          .preload('order', (order) => order.select('id', 'number'))
          .orderBy('id', 'desc')
          .limit(limit)
      : [],
    options.audit ? AuditLog.query().orderBy('id', 'desc').limit(limit) : [],
  ])
  const staffIds = new Set<number>()
  for (const event of events) staffIdOf(event.actor) !== null && staffIds.add(staffIdOf(event.actor)!)
  for (const audit of audits) if (audit.actorType === 'staff' && audit.actorId) staffIds.add(audit.actorId)
  const subjectIds = (type: string) => [...new Set(audits.filter((audit) => audit.subjectType === type && audit.subjectId).map((audit) => Number(audit.subjectId)))].filter(Number.isSafeInteger)
  const [staff, orders, products] = await Promise.all([
    staffIds.size ? StaffUser.query().whereIn('id', [...staffIds]).select('id', 'full_name', 'email') : [],
    subjectIds('order').length ? db.from('orders').whereIn('id', subjectIds('order')).select('id', 'number') : [],
    subjectIds('product').length ? db.from('products').whereIn('id', subjectIds('product')).select('id', 'title') : [],
  ])
  const names = new Map(staff.map((member) => [member.id, member.fullName || member.email]))
  const name = (id: number | null, fallback: string) => (id !== null ? (names.get(id) ?? `staff #${id}`) : fallback)
  const subjects = {
    orders: new Map(orders.map((row) => [String(row.id), Number(row.number)])),
    products: new Map(products.map((row) => [String(row.id), String(row.title)])),
  }

  // A staff member's order changes are in the audit log already, with their diff.
  const shown = options.audit ? events.filter((event) => staffIdOf(event.actor) === null) : events
  const entries: ActivityEntry[] = [
    ...shown.map((event) => ({
      at: event.createdAt,
      who: name(staffIdOf(event.actor), actorWords(event.actor)),
      text: orderEventLine(event.order?.number ?? event.orderId, event.type),
      href: `/admin/orders/${event.orderId}`,
    })),
    ...audits.map((audit) => ({
      at: audit.createdAt,
      who: audit.actorType === 'staff' ? name(audit.actorId, 'staff') : actorWords(audit.actorType),
      text: auditLine(audit, subjects),
      href: activityHref(audit.subjectType, audit.subjectId),
    })),
  ]
  return entries.sort((a, b) => b.at.toMillis() - a.at.toMillis()).slice(0, limit)
}

/** Where an audit line links: the order or product it names. */
function activityHref(subjectType: string | null, subjectId: string | null) {
  if (!subjectId || !/^\d+$/.test(subjectId)) return null
  if (subjectType === 'order') return `/admin/orders/${subjectId}`
  if (subjectType === 'product') return `/admin/products/${subjectId}/edit`
  return null
}

/** Days in the dashboard's sales sparkline. */
export const SALES_TREND_DAYS = 14

/**
 * Gross sales of paid orders per store day over the last two weeks, in the
 * store currency, for the dashboard's sparkline: one range scan of the
 * placed_at index, bucketed by store day here (time zones differ per
 * database). `points` is the SVG polyline in a 100 × 32 box.
 */
export async function salesTrend(now: DateTime = DateTime.now(), currency: string = storeCurrency) {
  const today = storeDayBounds(now)
  const first = today.start.minus({ days: SALES_TREND_DAYS - 1 })
  const client = db.connection()
  const rows = await client
    .from('orders')
    .where('placed_at', '>=', dbTimestamp(client, first.toLocal()))
    .where('placed_at', '<', dbTimestamp(client, today.end.toLocal()))
    .where('currency', currency)
    .whereIn('payment_status', [...SALE_PAYMENT_STATUSES])
    .select('placed_at', 'total')
  const days = Array.from({ length: SALES_TREND_DAYS }, (_, index) => ({ day: first.plus({ days: index }).toISODate()!, sales: 0 }))
  const byDay = new Map(days.map((entry) => [entry.day, entry]))
  for (const row of rows) {
    const placed = row.placed_at instanceof Date ? DateTime.fromJSDate(row.placed_at) : DateTime.fromSQL(String(row.placed_at))
    const entry = byDay.get(placed.setZone(today.timezone).toISODate()!)
    if (entry) entry.sales += Number(row.total)
  }
  const max = Math.max(...days.map((entry) => entry.sales), 1)
  const step = 100 / (SALES_TREND_DAYS - 1)
  const points = days.map((entry, index) => `${(index * step).toFixed(1)},${(30 - (entry.sales / max) * 28).toFixed(1)}`).join(' ')
  return { currency, days, total: days.reduce((sum, entry) => sum + entry.sales, 0), points }
}
