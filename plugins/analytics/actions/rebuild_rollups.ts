import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#services/db_time'
import { analyticsSettings, dayBounds, storeDay } from '../store_clock.js'
import { FACT_TYPES, refundAmountSql } from './rollup_columns.js'

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
}

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
      for (const table of ['analytics_daily_sales', 'analytics_daily_products', 'analytics_applied_events']) await trx.from(table).delete()
    } else if (from) {
      for (const table of ['analytics_daily_sales', 'analytics_daily_products', 'analytics_applied_events']) {
        await trx.from(table).whereBetween('day', [from, to]).delete()
      }
    }
    if (!from || from > to) return { from: from ?? null, to: from ? to : null, days: 0, facts: 0 }

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
    return { from, to, days: days.length, facts }
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
    `INSERT INTO analytics_daily_products (day, currency, product_id, variant_id, title, units, revenue, created_at, updated_at)
     SELECT d.day, o.currency, COALESCE(l.product_id, 0), COALESCE(l.variant_id, 0), MAX(l.title),
            SUM(l.quantity), SUM(l.total - l.discount_amount), ?, ?
     FROM order_events e
     JOIN orders o ON o.id = e.order_id
     ${IN_RANGE}
     JOIN order_lines l ON l.order_id = o.id
     WHERE e.type = 'payment_paid'
     GROUP BY d.day, o.currency, COALESCE(l.product_id, 0), COALESCE(l.variant_id, 0)`,
    [now, now]
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
