import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
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
  'net_sales',
  'units',
  'cancelled_orders',
] as const
export type SalesColumn = (typeof SALES_COLUMNS)[number]
export type SalesIncrement = Partial<Record<SalesColumn, number>>

/** The order timeline rows each rollup fact comes from. */
export const FACT_TYPES = { paid: 'payment_paid', refunded: 'payment_refunded', cancelled: 'order_cancelled' } as const
export type FactKind = keyof typeof FACT_TYPES

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
  units: number
  revenue: number
}

/** Adds one order's lines (already summed per variant) to the daily product rollup. */
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
      lines.map((line) => ({
        day,
        currency,
        product_id: line.productId,
        variant_id: line.variantId,
        title: line.title,
        units: line.units,
        revenue: line.revenue,
        created_at: now,
        updated_at: now,
      }))
    )
    .knexQuery.onConflict(['day', 'currency', 'product_id', 'variant_id'])
    .merge({ ...addExcluded('analytics_daily_products', ['units', 'revenue']), title: db.knexRawQuery('excluded.title'), updated_at: now })
}

/** SQL reading a refund's amount out of its order event's JSON data. */
export function refundAmountSql(client: QueryClientContract) {
  return client.dialect.name === 'postgres'
    ? "CAST(e.data->>'amount' AS BIGINT)"
    : "CAST(json_extract(e.data, '$.amount') AS INTEGER)"
}
