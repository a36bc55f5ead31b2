import { DateTime } from 'luxon'
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { OrdersReadPort } from '#plugin_host/extension_points/orders'
import { dbTimestamp } from '#services/db_time'
import { analyticsSettings, dayBounds, storeDay } from '../store_clock.js'
import { rebuildCustomers } from '../rollups/rebuild_customers.js'
import { addToDailyCollections } from '../rollups/collection_facts.js'

export interface RebuildOptions {
  /** first store-timezone day to rebuild (YYYY-MM-DD); unset: the first day with a fact */
  from?: string
  /** last day (inclusive); unset: the last day with a fact */
  to?: string
  timezone?: string
  /** run inside this client's transaction (a migration's); unset: a transaction of its own */
  client?: QueryClientContract
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

/**
 * Recomputes the daily rollups of a range of days from the order facts the
 * host's OrdersReadPort exposes (its `factsQuery` and `factLinesQuery`,
 * embedded as derived tables) with set-based SQL, in one transaction: the range's
 * rollup rows and applied-event rows are deleted, then written again from
 * the facts whose time falls in the range. Without a range everything is
 * rebuilt (needed after changing the store timezone). Running it twice
 * gives the same rows, and events still in the outbox afterwards find their
 * facts already applied.
 *
 * SQLite has no time zones, so each store day's UTC bounds are computed
 * here and joined as a table (analytics_rebuild_days).
 */
@inject()
export default class RebuildRollups {
  constructor(private orders: OrdersReadPort) {}

  async handle(options: RebuildOptions = {}): Promise<RebuildResult> {
    const timezone = options.timezone ?? analyticsSettings().timezone
    const orders = this.orders
    const transaction = options.client ? options.client.transaction.bind(options.client) : db.transaction.bind(db)
    return transaction(async (trx: TransactionClientContract) => {
      // Listeners wait until the rebuild commits, then find their facts applied.
      if (trx.dialect.name === 'postgres') await trx.rawQuery('LOCK TABLE analytics_applied_events IN EXCLUSIVE MODE')

      const full = !options.from && !options.to
      const facts = `(${orders.factsQuery(trx).toQuery()}) f`
      const range = await factRange(trx, facts, timezone)
      const from = options.from ?? range?.from
      const to = options.to ?? range?.to ?? DateTime.now().setZone(timezone).toISODate()!
      if (full) {
        for (const table of [...DAY_TABLES, 'analytics_monthly_products']) await trx.from(table).delete()
      } else if (from) {
        for (const table of DAY_TABLES) await trx.from(table).whereBetween('day', [from, to]).delete()
      }
      if (!from || from > to) {
        const customers = await rebuildCustomers(trx, facts, timezone)
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
      const counted = await insertRollups(trx, facts, `(${orders.factLinesQuery(trx).toQuery()}) l`, from, to)
      await trx.from('analytics_rebuild_days').delete()
      await rebuildMonthlyProducts(trx, from, to)
      await rebuildCollections(trx, orders, from, to)
      const customers = await rebuildCustomers(trx, facts, timezone)
      return { from, to, days: days.length, facts: counted, customers }
    })
  }
}

/** The first and last store days holding a fact, or null when there is none. */
async function factRange(trx: TransactionClientContract, facts: string, timezone: string) {
  const {
    rows: [row],
  } = await rawRows(trx, `SELECT MIN(f.occurred_at) AS first, MAX(f.occurred_at) AS last FROM ${facts}`)
  if (!row?.first) return null
  return { from: storeDay(instant(row.first), timezone), to: storeDay(instant(row.last), timezone) }
}

/** A timestamp as the driver returns it: a Date (pg) or Lucid's SQLite text in local time. */
function instant(value: Date | string) {
  return value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
}

/** Rows of a raw select on either dialect (pg answers `{ rows }`, SQLite the rows themselves). */
async function rawRows(trx: TransactionClientContract, sql: string) {
  const result = await trx.rawQuery(sql)
  return { rows: (Array.isArray(result) ? result : result.rows) as any[] }
}

const IN_RANGE = 'JOIN analytics_rebuild_days d ON f.occurred_at >= d.starts_at AND f.occurred_at < d.ends_at'

/** `facts` and `lines`: the port's queries as derived tables `f` and `l`. */
async function insertRollups(trx: TransactionClientContract, facts: string, lines: string, from: string, to: string) {
  const now = dbTimestamp(trx)
  await trx.rawQuery(
    `INSERT INTO analytics_daily_sales
       (day, currency, orders, gross_sales, discounts, shipping, tax, total_sales, refunds, returns, net_sales, units, cancelled_orders, created_at, updated_at)
     SELECT d.day, f.currency, COUNT(*), SUM(f.net_sales + f.discount_total), SUM(f.discount_total), SUM(f.shipping_total), SUM(f.tax_total),
            SUM(f.total), 0, 0, SUM(f.net_sales), SUM(f.units), 0, ?, ?
     FROM ${facts}
     ${IN_RANGE}
     WHERE f.kind = 'paid'
     GROUP BY d.day, f.currency`,
    [now, now]
  )
  await trx.rawQuery(
    `INSERT INTO analytics_daily_sales (day, currency, refunds, returns, net_sales, created_at, updated_at)
     SELECT d.day, f.currency, SUM(f.amount), SUM(f.returns), -SUM(f.returns), ?, ?
     FROM ${facts}
     ${IN_RANGE}
     WHERE f.kind = 'refunded'
     GROUP BY d.day, f.currency
     ON CONFLICT (day, currency) DO UPDATE SET
       refunds = analytics_daily_sales.refunds + excluded.refunds,
       returns = analytics_daily_sales.returns + excluded.returns,
       net_sales = analytics_daily_sales.net_sales + excluded.net_sales`,
    [now, now]
  )
  // Only cancellations of orders that were counted as sold (see applyOrderFacts).
  const counted = `(f.kind IN ('paid', 'refunded') OR (f.kind = 'cancelled' AND f.was_paid = 1))`
  await trx.rawQuery(
    `INSERT INTO analytics_daily_sales (day, currency, cancelled_orders, created_at, updated_at)
     SELECT d.day, f.currency, COUNT(*), ?, ?
     FROM ${facts}
     ${IN_RANGE}
     WHERE f.kind = 'cancelled' AND f.was_paid = 1
     GROUP BY d.day, f.currency
     ON CONFLICT (day, currency) DO UPDATE SET cancelled_orders = analytics_daily_sales.cancelled_orders + excluded.cancelled_orders`,
    [now, now]
  )
  await trx.rawQuery(
    `INSERT INTO analytics_daily_products (day, currency, product_id, variant_id, title, variant_title, units, revenue, created_at, updated_at)
     SELECT d.day, f.currency, l.product_id, l.variant_id, MAX(l.title), MAX(l.variant_title), SUM(l.quantity), SUM(l.revenue), ?, ?
     FROM ${facts}
     ${IN_RANGE}
     JOIN ${lines} ON l.order_id = f.order_id
     WHERE f.kind = 'paid'
     GROUP BY d.day, f.currency, l.product_id, l.variant_id`,
    [now, now]
  )
  await trx.rawQuery(
    `INSERT INTO analytics_daily_countries (day, currency, country, orders, total_sales, refunds, net_sales)
     SELECT d.day, f.currency, f.shipping_country, COUNT(*), SUM(f.total), 0, SUM(f.net_sales)
     FROM ${facts}
     ${IN_RANGE}
     WHERE f.kind = 'paid'
     GROUP BY d.day, f.currency, f.shipping_country`
  )
  await trx.rawQuery(
    `INSERT INTO analytics_daily_countries (day, currency, country, orders, total_sales, refunds, net_sales)
     SELECT d.day, f.currency, f.shipping_country, 0, 0, SUM(f.amount), -SUM(f.returns)
     FROM ${facts}
     ${IN_RANGE}
     WHERE f.kind = 'refunded'
     GROUP BY d.day, f.currency, f.shipping_country
     ON CONFLICT (day, currency, country) DO UPDATE SET
       refunds = analytics_daily_countries.refunds + excluded.refunds,
       net_sales = analytics_daily_countries.net_sales + excluded.net_sales`
  )
  await trx.rawQuery(
    `INSERT INTO analytics_applied_events (order_event_id, kind, day, outbox_event_id, created_at)
     SELECT f.fact_id, f.kind, d.day, NULL, ?
     FROM ${facts}
     ${IN_RANGE}
     WHERE ${counted}`,
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
async function rebuildCollections(trx: TransactionClientContract, orders: OrdersReadPort, from: string, to: string) {
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
      orders,
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
