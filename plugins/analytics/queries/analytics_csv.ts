import { majorUnitsText } from '#services/money'
import { csvLine } from '#services/csv'
import type { loadDashboard } from './dashboard_query.js'
import type { AnalyticsChart } from '../validators/dashboard_filters.js'

type Dashboard = Awaited<ReturnType<typeof loadDashboard>>

/** Rows as CSV, each text field guarded against spreadsheet formulas (`#services/csv`). */
function csv(rows: Array<Array<string | number>>) {
  return rows.map(csvLine).join('\r\n') + '\r\n'
}

export type ChartTable = { columns: string[]; rows: Array<Array<string | number>> }

/**
 * Each chart's table as plain columns and rows (amounts as decimals in major
 * units): the CSV export and `stockroom report analytics` print the same.
 */
export function chartTable(dashboard: Dashboard, chart: AnalyticsChart): ChartTable {
  const { currency } = dashboard
  const money = (minor: number) => majorUnitsText(minor, currency)
  switch (chart) {
    case 'sales':
      return {
        columns: ['day', 'currency', 'orders', 'gross_sales', 'discounts', 'returns', 'refunds', 'total_sales', 'net_sales', 'units'],
        rows: dashboard.series.map((row) => [
          row.day,
          currency,
          row.orders,
          money(row.grossSales),
          money(row.discounts),
          money(row.returns),
          money(row.refunds),
          money(row.totalSales),
          money(row.netSales),
          row.units,
        ]),
      }
    case 'products':
      return {
        columns: ['product_id', 'product', 'currency', 'units', 'revenue'],
        rows: dashboard.products.map((row) => [row.productId, row.title, currency, row.units, money(row.revenue)]),
      }
    case 'variants':
      return {
        columns: ['product_id', 'variant_id', 'variant', 'currency', 'units', 'revenue'],
        rows: dashboard.variants.map((row) => [row.productId, row.variantId, row.title, currency, row.units, money(row.revenue)]),
      }
    case 'collections':
      return {
        columns: ['collection_id', 'collection', 'currency', 'units', 'revenue'],
        rows: dashboard.collections.map((row) => [row.collectionId, row.title, currency, row.units, money(row.revenue)]),
      }
    case 'refunds':
      return {
        columns: ['day', 'currency', 'refunds', 'cancelled_orders'],
        rows: dashboard.series.map((row) => [row.day, currency, money(row.refunds), row.cancelledOrders]),
      }
    case 'countries':
      return {
        columns: ['country', 'currency', 'orders', 'total_sales', 'refunds', 'net_sales'],
        rows: dashboard.countries.map((row) => [row.country, currency, row.orders, money(row.totalSales), money(row.refunds), money(row.netSales)]),
      }
    case 'customers':
      return {
        columns: ['day', 'new_customers', 'returning_customers'],
        rows: dashboard.customers.map((row) => [row.day, row.newCustomers, row.returningCustomers]),
      }
    case 'cohorts':
      return {
        columns: ['cohort', 'customers', ...dashboard.cohortMonths.map((month) => `month_${month}_pct`)],
        rows: dashboard.cohorts.map((row) => [row.cohort, row.customers, ...row.retention.map((value) => (value === null ? '' : value))]),
      }
    case 'values':
      return {
        columns: ['lifetime_value_from', 'lifetime_value_to', 'currency', 'customers'],
        rows: dashboard.values.map((row, index) => [
          money(row.from),
          dashboard.values[index + 1] ? money(dashboard.values[index + 1].from) : '',
          currency,
          row.customers,
        ]),
      }
    case 'funnel':
      return {
        columns: ['step', 'count', 'rate_from_previous_pct'],
        rows: dashboard.funnel.steps.map((step) => [step.label.toLowerCase(), step.recorded ? step.count : '', step.rate ?? '']),
      }
  }
}

/** A chart's table as CSV. */
export function chartCsv(dashboard: Dashboard, chart: AnalyticsChart) {
  const table = chartTable(dashboard, chart)
  return csv([table.columns, ...table.rows])
}
