import db from '@adonisjs/lucid/services/db'
import { dayBounds, analyticsSettings, storeToday } from '../store_clock.js'
import { topSellers, type TopItem } from './top_items_query.js'

export interface DayFigures {
  day: string
  orders: number
  grossSales: number
  discounts: number
  refunds: number
  /** net sales the refunds took back (their share of goods) */
  returns: number
  totalSales: number
  netSales: number
  units: number
  cancelledOrders: number
}

export interface PeriodTotals extends Omit<DayFigures, 'day'> {
  /** average order value: total sales / orders, minor units */
  averageOrder: number
}

const SUMMED = {
  orders: 'orders',
  grossSales: 'gross_sales',
  discounts: 'discounts',
  refunds: 'refunds',
  returns: 'returns',
  totalSales: 'total_sales',
  netSales: 'net_sales',
  units: 'units',
  cancelledOrders: 'cancelled_orders',
} as const

function figures(row: Record<string, unknown> | undefined) {
  return Object.fromEntries(Object.entries(SUMMED).map(([key, column]) => [key, Number(row?.[column] ?? 0)])) as Omit<
    DayFigures,
    'day'
  >
}

/** One row per day of the range (days without sales at zero), read from the daily rollup only. */
export async function dailySeries(from: string, to: string, currency: string): Promise<DayFigures[]> {
  const rows = await db
    .from('analytics_daily_sales')
    .where('currency', currency)
    .whereBetween('day', [from, to])
    .select('day', ...Object.values(SUMMED))
  const byDay = new Map(rows.map((row) => [row.day as string, row]))
  return dayBounds(from, to, 'UTC').map(({ day }) => ({ day, ...figures(byDay.get(day)) }))
}

/** The range's totals, one aggregate over at most a few hundred rollup rows. */
export async function periodTotals(from: string, to: string, currency: string): Promise<PeriodTotals> {
  const query = db.from('analytics_daily_sales').where('currency', currency).whereBetween('day', [from, to])
  for (const column of Object.values(SUMMED)) query.sum(`${column} as ${column}`)
  const [row] = await query
  const totals = figures(row)
  return { ...totals, averageOrder: totals.orders ? Math.round(totals.totalSales / totals.orders) : 0 }
}

export type TopProduct = TopItem

/** Best-selling products of the range by revenue (line totals after discounts). */
export async function topProducts(from: string, to: string, currency: string, limit = 10): Promise<TopProduct[]> {
  return (await topSellers(from, to, currency, limit)).products
}

/** Currencies that have sales, the store currency first. */
export async function salesCurrencies() {
  const rows = await db.from('analytics_daily_sales').distinct('currency').orderBy('currency')
  const store = analyticsSettings().currency
  const others = rows.map((row) => String(row.currency).trim()).filter((code) => code !== store)
  return [store, ...others]
}

/** The dashboard widget: today's sales and orders in the store currency. */
export async function todaySummary() {
  const { currency } = analyticsSettings()
  const today = storeToday()
  const totals = await periodTotals(today, today, currency)
  return { today, currency, totals }
}
