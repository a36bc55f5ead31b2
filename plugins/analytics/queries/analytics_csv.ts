import { minorDigits } from '#services/money'
import type { loadDashboard } from './dashboard_query.js'

type Dashboard = Awaited<ReturnType<typeof loadDashboard>>

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function field(value: string | number) {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function csv(rows: Array<Array<string | number>>) {
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n'
}

/** Amounts in minor units as a decimal string in major units ("1234" USD is "12.34"). */
function decimal(minor: number, currency: string) {
  const digits = minorDigits(currency)
  return (minor / 10 ** digits).toFixed(digits)
}

/** The sales table: one row per day. */
export function salesCsv(dashboard: Dashboard) {
  const { currency } = dashboard
  return csv([
    ['day', 'currency', 'orders', 'gross_sales', 'discounts', 'refunds', 'total_sales', 'net_sales', 'units'],
    ...dashboard.series.map((row) => [
      row.day,
      currency,
      row.orders,
      decimal(row.grossSales, currency),
      decimal(row.discounts, currency),
      decimal(row.refunds, currency),
      decimal(row.totalSales, currency),
      decimal(row.netSales, currency),
      row.units,
    ]),
  ])
}

/** The top products table. */
export function productsCsv(dashboard: Dashboard) {
  const { currency } = dashboard
  return csv([
    ['product_id', 'product', 'currency', 'units', 'revenue'],
    ...dashboard.products.map((row) => [row.productId, row.title, currency, row.units, decimal(row.revenue, currency)]),
  ])
}
