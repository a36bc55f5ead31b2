import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#services/db_time'
import { analyticsSettings, dayBounds, storeDay } from '../store_clock.js'
import { countrySql, FACT_TYPES, refundAmountSql } from './rollup_columns.js'
import { rebuildCustomers } from './rebuild_customers.js'
import { addToDailyCollections } from './collection_facts.js'

export interface RebuildOptions {
  /** first store-timezone day to rebuild (YYYY-MM-DD); unset: the first day with a fact */
  from?: string
  /** last day (inclusive); unset: the last day with a fact */
  to?: string
  timezone?: string
}

export interface RebuildResult {
  from: string | null
  to: string | null
  days: number
  /** order timeline rows counted */
  facts: number
  /** customers with a paid order (customer rollups are always rebuilt whole) */
  customers: number
}

const DAY_TABLES = [
  'analytics_daily_sales',
  'analytics_daily_products',
  'analytics_daily_countries',
  'analytics_daily_collections',
  'analytics_applied_events',
]

const FACT_TYPE_LIST = Object.values(FACT_TYPES)

/**
 * Recomputes the daily rollups of a range of days from orders, order lines
 * and the order timeline with set-based SQL, in one transaction: the range's
 * rollup rows and applied-event rows are deleted, then written again from
 * the facts whose time falls in the range. Without a range everything is
 * rebuilt (needed after changing the store timezone). Running it twice
 * gives the same rows, and events still in the outbox afterwards find their
 * facts already applied.
 *
 * SQLite has no time zones, so each store day's UTC bounds are computed
 * here and joined as a table (analytics_rebuild_days).
 */
export async function rebuildRollups(options: RebuildOptions = {}): Promise<RebuildResult> {
  const timezone = options.timezone ?? analyticsSettings().timezone
  return db.transaction(async (trx) => {
    // Listeners wait until the rebuild commits, then find their facts applied.
    if (trx.dialect.name === 'postgres') await trx.rawQuery('LOCK TABLE analytics_applied_events IN EXCLUSIVE MODE')

    const full = !options.from && !options.to
    const range = await factRange(trx, timezone)
    const from = options.from ?? range?.from
    const to = options.to ?? range?.to ?? DateTime.now().setZone(timezone).toISODate()!
    if (full) {
      for (const table of [...DAY_TABLES, 'analytics_monthly_products']) await trx.from(table).delete()
    } else if (from) {
      for (const table of DAY_TABLES) await trx.from(table).whereBetween('day', [from, to]).delete()
    }
    if (!from || from > to) {
      const customers = await rebuildCustomers(trx, timezone)
      return { from: from ?? null, to: from ? to : null, days: 0, facts: 0, customers }
    }

    const days = dayBounds(from, to, timezone)
    await trx.from('analytics_rebuild_days').delete()
    for (let index = 0; index < days.length; index += 300) {
      await trx.table('analytics_rebuild_days').multiInsert(
        days.slice(index, index + 300).map((day) => ({
          day: day.day,
          starts_at: dbTimestamp(trx, day.startsAt.toLocal() as DateTime<true>),
          ends_at: dbTimestamp(trx, day.endsAt.toLocal() as DateTime<true>),
        }))
      )
    }
    const facts = await insertRollups(trx, from, to)
    await trx.from('analytics_rebuild_days').delete()
    await rebuildMonthlyProducts(trx, from, to)
    await rebuildCollections(trx, from, to)
    const customers = await rebuildCustomers(trx, timezone)
    return { from, to, days: days.length, facts, customers }
  })
}

/** The first and last store days holding a fact, or null when there is none. */
async function factRange(trx: TransactionClientContract, timezone: string) {
  const [row] = await trx
    .from('order_events')
    .whereIn('type', FACT_TYPE_LIST)
    .min('created_at as first')
    .max('created_at as last')
  if (!row?.first) return null
  return { from: storeDay(instant(row.first), timezone), to: storeDay(instant(row.last), timezone) }
}

/** A timestamp as the driver returns it: a Date (pg) or Lucid's SQLite text in local time. */
function instant(value: Date | string) {
  return value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
}

const IN_RANGE = 'JOIN analytics_rebuild_days d ON e.created_at >= d.starts_at AND e.created_at < d.ends_at'

async function insertRollups(trx: TransactionClientContract, from: string, to: string) {
  const now = dbTimestamp(trx)
  await trx.rawQuery(
    `INSERT INTO analytics_daily_sales
       (day, currency, orders, gross_sales, discounts, shipping, tax, total_sales, refunds, net_sales, units, cancelled_orders, created_at, updated_at)
     SELECT d.day, o.currency, COUNT(*), SUM(o.subtotal), SUM(o.discount_total), SUM(o.shipping_total), SUM(o.tax_total),
            SUM(o.total), 0, SUM(o.total), SUM(COALESCE(u.units, 0)), 0, ?, ?
     FROM order_events e
     JOIN orders o ON o.id = e.order_id
     ${IN_RANGE}
     LEFT JOIN (SELECT order_id, SUM(quantity) AS units FROM order_lines GROUP BY order_id) u ON u.order_id = o.id
     WHERE e.type = 'payment_paid'
     GROUP BY d.day, o.currency`,
    [now, now]
  )
  const amount = refundAmountSql(trx)
  await trx.rawQuery(
    `INSERT INTO analytics_daily_sales (day, currency, refunds, net_sales, created_at, updated_at)
     SELECT d.day, o.currency, SUM(${amount}), -SUM(${amount}), ?, ?
     FROM order_events e
     JOIN orders o ON o.id = e.order_id
     ${IN_RANGE}
     WHERE e.type = 'payment_refunded'
     GROUP BY d.day, o.currency
     ON CONFLICT (day, currency) DO UPDATE SET
       refunds = analytics_daily_sales.refunds + excluded.refunds,
       net_sales = analytics_daily_sales.net_sales + excluded.net_sales`,
    [now, now]
  )
  // Only cancellations of orders that were counted as sold (see applyOrderFacts).
  const counted = `EXISTS (SELECT 1 FROM order_events p WHERE p.order_id = e.order_id AND p.type = 'payment_paid')`
  await trx.rawQuery(
    `INSERT INTO analytics_daily_sales (day, currency, cancelled_orders, created_at, updated_at)
     SELECT d.day, o.currency, COUNT(*), ?, ?
     FROM order_events e
     JOIN orders o ON o.id = e.order_id
     ${IN_RANGE}
     WHERE e.type = 'order_cancelled' AND ${counted}
     GROUP BY d.day, o.currency
     ON CONFLICT (day, currency) DO UPDATE SET cancelled_orders = analytics_daily_sales.cancelled_orders + excluded.cancelled_orders`,
    [now, now]
  )
  await trx.rawQuery(
    `INSERT INTO analytics_daily_products (day, currency, product_id, variant_id, title, variant_title, units, revenue, created_at, updated_at)
     SELECT d.day, o.currency, COALESCE(l.product_id, 0), COALESCE(l.variant_id, 0), MAX(l.title), MAX(l.variant_title),
            SUM(l.quantity), SUM(l.total - l.discount_amount), ?, ?
     FROM order_events e
     JOIN orders o ON o.id = e.order_id
     ${IN_RANGE}
     JOIN order_lines l ON l.order_id = o.id
     WHERE e.type = 'payment_paid'
     GROUP BY d.day, o.currency, COALESCE(l.product_id, 0), COALESCE(l.variant_id, 0)`,
    [now, now]
  )
  const country = countrySql(trx)
  await trx.rawQuery(
    `INSERT INTO analytics_daily_countries (day, currency, country, orders, total_sales, refunds)
     SELECT d.day, o.currency, ${country}, COUNT(*), SUM(o.total), 0
     FROM order_events e
     JOIN orders o ON o.id = e.order_id
     ${IN_RANGE}
     WHERE e.type = 'payment_paid'
     GROUP BY d.day, o.currency, ${country}`
  )
  await trx.rawQuery(
    `INSERT INTO analytics_daily_countries (day, currency, country, orders, total_sales, refunds)
     SELECT d.day, o.currency, ${country}, 0, 0, SUM(${amount})
     FROM order_events e
     JOIN orders o ON o.id = e.order_id
     ${IN_RANGE}
     WHERE e.type = 'payment_refunded'
     GROUP BY d.day, o.currency, ${country}
     ON CONFLICT (day, currency, country) DO UPDATE SET refunds = analytics_daily_countries.refunds + excluded.refunds`
  )
  await trx.rawQuery(
    `INSERT INTO analytics_applied_events (order_event_id, kind, day, outbox_event_id, created_at)
     SELECT e.id, CASE e.type WHEN 'payment_paid' THEN 'paid' WHEN 'payment_refunded' THEN 'refunded' ELSE 'cancelled' END, d.day, NULL, ?
     FROM order_events e
     ${IN_RANGE}
     WHERE e.type IN ('payment_paid', 'payment_refunded') OR (e.type = 'order_cancelled' AND ${counted})`,
    [now]
  )
  const [{ count }] = await trx.from('analytics_applied_events').whereBetween('day', [from, to]).count('* as count')
  return Number(count)
}

/**
 * The monthly product rollup of every month the range touches, summed from
 * the daily rows (days outside the range are untouched, so still right).
 */
async function rebuildMonthlyProducts(trx: TransactionClientContract, from: string, to: string) {
  const [first, last] = [from.slice(0, 7), to.slice(0, 7)]
  await trx.from('analytics_monthly_products').whereBetween('month', [first, last]).delete()
  await trx.rawQuery(
    `INSERT INTO analytics_monthly_products (month, currency, product_id, variant_id, title, variant_title, units, revenue)
     SELECT SUBSTR(day, 1, 7), currency, product_id, variant_id, MAX(title), MAX(variant_title), SUM(units), SUM(revenue)
     FROM analytics_daily_products
     WHERE day >= ? AND day <= ?
     GROUP BY SUBSTR(day, 1, 7), currency, product_id, variant_id`,
    [`${first}-01`, `${last}-31`]
  )
}

/** The range's collection sales, from its (just rebuilt) product rows and today's collection memberships. */
async function rebuildCollections(trx: TransactionClientContract, from: string, to: string) {
  const rows = await trx
    .from('analytics_daily_products')
    .whereBetween('day', [from, to])
    .where('product_id', '>', 0)
    .groupBy('day', 'currency', 'product_id')
    .select('day', 'currency', 'product_id')
    .sum('units as units')
    .sum('revenue as revenue')
  for (let index = 0; index < rows.length; index += 2000) {
    await addToDailyCollections(
      trx,
      rows.slice(index, index + 2000).map((row) => ({
        day: row.day,
        currency: String(row.currency).trim(),
        productId: Number(row.product_id),
        units: Number(row.units),
        revenue: Number(row.revenue),
      }))
    )
  }
}
