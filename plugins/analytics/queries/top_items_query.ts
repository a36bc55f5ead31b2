import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * A range of days as whole calendar months (read from the monthly product
 * rollup) plus the days of the partial months at either end (read from the
 * daily one): a year is twelve rows per variant instead of 365.
 */
export function splitIntoMonths(from: string, to: string) {
  let firstWhole = DateTime.fromISO(from, { zone: 'UTC' })
  if (firstWhole.day !== 1) firstWhole = firstWhole.plus({ months: 1 }).startOf('month')
  const end = DateTime.fromISO(to, { zone: 'UTC' })
  let lastWhole = end.endOf('month').hasSame(end, 'day') ? end.startOf('month') : end.startOf('month').minus({ months: 1 })
  if (lastWhole < firstWhole) return { months: null, days: [[from, to]] as Array<[string, string]> }
  const days: Array<[string, string]> = []
  if (from < firstWhole.toISODate()!) days.push([from, firstWhole.minus({ days: 1 }).toISODate()!])
  lastWhole = lastWhole.endOf('month')
  if (lastWhole.toISODate()! < to) days.push([lastWhole.plus({ days: 1 }).toISODate()!, to])
  return { months: [firstWhole.toFormat('yyyy-MM'), lastWhole.toFormat('yyyy-MM')] as [string, string], days }
}

export interface TopItem {
  productId: number
  variantId: number
  title: string
  units: number
  revenue: number
}

/**
 * Best sellers of a range by revenue (line totals after discounts), per
 * product and per variant, in one statement: the range's rows are summed
 * per variant once, then ranked twice.
 */
export async function topSellers(from: string, to: string, currency: string, limit = 10) {
  const { months, days } = splitIntoMonths(from, to)
  const parts: string[] = []
  const bindings: Array<string | number> = []
  const columns = 'product_id, variant_id, title, variant_title, units, revenue'
  if (months) {
    parts.push(`SELECT ${columns} FROM analytics_monthly_products WHERE currency = ? AND month >= ? AND month <= ?`)
    bindings.push(currency, ...months)
  }
  for (const [first, last] of days) {
    parts.push(`SELECT ${columns} FROM analytics_daily_products WHERE currency = ? AND day >= ? AND day <= ?`)
    bindings.push(currency, first, last)
  }
  const result = await db.rawQuery(
    `WITH v AS (
       SELECT product_id, variant_id, MAX(title) AS title, MAX(variant_title) AS variant_title, SUM(units) AS units, SUM(revenue) AS revenue
       FROM (${parts.join(' UNION ALL ')}) t
       GROUP BY product_id, variant_id
     )
     SELECT * FROM (
       SELECT 'variant' AS kind, product_id, variant_id, title, variant_title, units, revenue
       FROM v ORDER BY revenue DESC, product_id, variant_id LIMIT ?
     ) by_variant
     UNION ALL
     SELECT * FROM (
       SELECT 'product' AS kind, product_id, 0 AS variant_id, MAX(title) AS title, NULL AS variant_title, SUM(units) AS units, SUM(revenue) AS revenue
       FROM v GROUP BY product_id ORDER BY SUM(revenue) DESC, product_id LIMIT ?
     ) by_product`,
    [...bindings, limit, limit]
  )
  const rows: any[] = db.connection().dialect.name === 'postgres' ? result.rows : result
  const item = (row: any): TopItem => {
    const productId = Number(row.product_id)
    const variantId = Number(row.variant_id)
    let title = productId ? String(row.title) : 'Deleted products'
    if (row.kind === 'variant' && productId && !variantId) title = `${title} (deleted variant)`
    else if (row.kind === 'variant' && row.variant_title) title = `${title} — ${row.variant_title}`
    return { productId, variantId, title, units: Number(row.units), revenue: Number(row.revenue) }
  }
  // UNION ALL keeps each part's order on both databases, but re-sort to say so
  const rank = (a: TopItem, b: TopItem) => b.revenue - a.revenue || a.productId - b.productId || a.variantId - b.variantId
  return {
    products: rows.filter((row) => row.kind === 'product').map(item).sort(rank),
    variants: rows.filter((row) => row.kind === 'variant').map(item).sort(rank),
  }
}
