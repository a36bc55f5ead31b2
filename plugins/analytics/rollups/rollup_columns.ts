import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { OrderFactKind } from '#plugin_host/extension_points/orders'
import { dbTimestamp } from '#services/db_time'

/** The summed columns of analytics_daily_sales. */
export const SALES_COLUMNS = [
  'orders',
  'gross_sales',
  'discounts',
  'shipping',
  'tax',
  'total_sales',
  'refunds',
  'returns',
  'net_sales',
  'units',
  'cancelled_orders',
] as const
export type SalesColumn = (typeof SALES_COLUMNS)[number]
export type SalesIncrement = Partial<Record<SalesColumn, number>>

/** The order facts the rollups count (OrdersReadPort's kinds). */
export type FactKind = OrderFactKind

/**
 * `x = table.x + excluded.x` for each column: an upsert that adds. The same
 * SQL runs on SQLite and PostgreSQL.
 */
export function addExcluded(table: string, columns: readonly string[]) {
  return Object.fromEntries(columns.map((column) => [column, db.knexRawQuery(`${table}.${column} + excluded.${column}`)]))
}

/** Adds to one (day, currency) row of the daily sales, creating it at zero first. */
export async function addToDailySales(trx: TransactionClientContract, day: string, currency: string, increment: SalesIncrement) {
  const now = dbTimestamp(trx)
  const columns = Object.keys(increment) as SalesColumn[]
  const row = Object.fromEntries(SALES_COLUMNS.map((column) => [column, increment[column] ?? 0]))
  await trx
    .table('analytics_daily_sales')
    .insert({ day, currency, ...row, created_at: now, updated_at: now })
    .knexQuery.onConflict(['day', 'currency'])
    .merge({ ...addExcluded('analytics_daily_sales', columns), updated_at: now })
}

export interface ProductIncrement {
  productId: number
  variantId: number
  title: string
  variantTitle: string | null
  units: number
  revenue: number
}

/** A product line's columns, the same in the daily and the monthly rollup. */
function productColumns(line: ProductIncrement) {
  return {
    product_id: line.productId,
    variant_id: line.variantId,
    title: line.title,
    variant_title: line.variantTitle,
    units: line.units,
    revenue: line.revenue,
  }
}

/** On conflict the titles take the newest sale's, so renamed products show their current name. */
function latestTitles() {
  return { title: db.knexRawQuery('excluded.title'), variant_title: db.knexRawQuery('excluded.variant_title') }
}

/** Adds one order's lines (already summed per variant) to the daily and monthly product rollups. */
export async function addToDailyProducts(
  trx: TransactionClientContract,
  day: string,
  currency: string,
  lines: ProductIncrement[]
) {
  if (!lines.length) return
  const now = dbTimestamp(trx)
  await trx
    .table('analytics_daily_products')
    .multiInsert(
      lines.map((line) => ({ day, currency, ...productColumns(line), created_at: now, updated_at: now }))
    )
    .knexQuery.onConflict(['day', 'currency', 'product_id', 'variant_id'])
    .merge({
      ...addExcluded('analytics_daily_products', ['units', 'revenue']),
      ...latestTitles(),
      updated_at: now,
    })
  await trx
    .table('analytics_monthly_products')
    .multiInsert(
      lines.map((line) => ({ month: day.slice(0, 7), currency, ...productColumns(line) }))
    )
    .knexQuery.onConflict(['month', 'currency', 'product_id', 'variant_id'])
    .merge({
      ...addExcluded('analytics_monthly_products', ['units', 'revenue']),
      ...latestTitles(),
    })
}

/** Adds to one (day, currency, shipping country) row of the country rollup. */
export async function addToDailyCountries(
  trx: TransactionClientContract,
  day: string,
  currency: string,
  country: string,
  increment: { orders?: number; total_sales?: number; refunds?: number; net_sales?: number }
) {
  const columns = Object.keys(increment)
  await trx
    .table('analytics_daily_countries')
    .insert({ day, currency, country, orders: 0, total_sales: 0, refunds: 0, net_sales: 0, ...increment })
    .knexQuery.onConflict(['day', 'currency', 'country'])
    .merge(addExcluded('analytics_daily_countries', columns))
}
