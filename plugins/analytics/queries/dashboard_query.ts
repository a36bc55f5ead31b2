import { formatMoney, toMajorUnits } from '#services/money'
import { countryWithCode } from '#services/countries'
import { formatDay } from '#services/store_time'
import { analyticsSettings, storeToday } from '../store_clock.js'
import type { DashboardFilters } from '../validators/dashboard_filters.js'
import { resolvePeriod } from './period.js'
import { dailySeries, periodTotals, salesCurrencies, type PeriodTotals } from './sales_query.js'
import { topSellers } from './top_items_query.js'
import { conversionFunnel, salesByCountry, topCollections } from './channels_query.js'
import { cohortRetention, customerSeries, valueDistribution } from './customers_query.js'

const KPIS: Array<{ key: keyof PeriodTotals; label: string; money: boolean }> = [
  { key: 'netSales', label: 'Net sales', money: true },
  { key: 'orders', label: 'Orders', money: false },
  { key: 'averageOrder', label: 'Average order', money: true },
  { key: 'units', label: 'Units sold', money: false },
  { key: 'refunds', label: 'Refunds', money: true },
]

/** Percent change from `before` to `now`; null when there was nothing before. */
function change(now: number, before: number) {
  if (!before) return null
  return Math.round(((now - before) / Math.abs(before)) * 1000) / 10
}

/**
 * Everything the analytics page shows for a range, read from the rollup
 * tables only (a few hundred rows at most), with the previous period of the
 * same length for comparison.
 */
export async function loadDashboard(filters: DashboardFilters) {
  const settings = analyticsSettings()
  const today = storeToday()
  const period = resolvePeriod(filters, today)
  const currency = filters.currency ?? settings.currency
  const [series, totals, previous, { products, variants }, collections, currencies, countries, customers, cohorts, values, funnel] = await Promise.all([
    dailySeries(period.from, period.to, currency),
    periodTotals(period.from, period.to, currency),
    periodTotals(period.previous.from, period.previous.to, currency),
    topSellers(period.from, period.to, currency, 10),
    topCollections(period.from, period.to, currency, 10),
    salesCurrencies(),
    salesByCountry(period.from, period.to, currency),
    customerSeries(period.from, period.to),
    cohortRetention(period.to.slice(0, 7)),
    valueDistribution(currency),
    conversionFunnel(period.from, period.to),
  ])
  const money = (minor: number) => formatMoney(minor, currency)
  const kpis = KPIS.map(({ key, label, money: isMoney }) => ({
    label,
    value: isMoney ? money(totals[key]) : String(totals[key]),
    previous: isMoney ? money(previous[key]) : String(previous[key]),
    change: change(totals[key], previous[key]),
  }))
  // The charts' data, drawn by public/js/analytics_charts.js (amounts in major units).
  const major = (minor: number) => toMajorUnits(minor, currency)
  const chartData = {
    currency,
    sales: {
      labels: series.map((row) => formatDay(row.day)),
      netSales: series.map((row) => major(row.netSales)),
      orders: series.map((row) => row.orders),
    },
    products: { labels: products.map((row) => row.title), revenue: products.map((row) => major(row.revenue)) },
    variants: { labels: variants.map((row) => row.title), revenue: variants.map((row) => major(row.revenue)) },
    collections: { labels: collections.map((row) => row.title), revenue: collections.map((row) => major(row.revenue)) },
    refunds: { labels: series.map((row) => formatDay(row.day)), refunds: series.map((row) => major(row.refunds)) },
    // named as in the table below the chart: "France (FR)", ZZ is orders with no shipping address
    countries: { labels: countries.map((row) => (row.country === 'ZZ' ? 'No shipping address' : countryWithCode(row.country))), netSales: countries.map((row) => major(row.netSales)) },
    customers: {
      labels: customers.map((row) => formatDay(row.day)),
      newCustomers: customers.map((row) => row.newCustomers),
      returningCustomers: customers.map((row) => row.returningCustomers),
    },
    values: { labels: values.map((row) => row.label), customers: values.map((row) => row.customers) },
    // only the steps that were counted: an uncounted step drawn as a 0 bar would read as "nobody came"
    funnel: { labels: funnel.steps.filter((step) => step.recorded).map((step) => step.label), counts: funnel.steps.filter((step) => step.recorded).map((step) => step.count) },
  }
  // Which charts have anything to draw: an empty one shows an empty state instead of a blank canvas.
  const hasData = {
    sales: series.some((row) => row.orders > 0 || row.netSales !== 0),
    refunds: series.some((row) => row.refunds !== 0 || row.cancelledOrders > 0),
    customers: customers.some((row) => row.newCustomers > 0 || row.returningCustomers > 0),
    values: values.some((row) => row.customers > 0),
    funnel: funnel.steps.some((step) => step.recorded && step.count > 0),
  }
  const cohortMonths = cohorts.length ? cohorts[0].retention.length : 0
  return {
    settings,
    today,
    period,
    currency,
    currencies,
    series,
    totals,
    kpis,
    products,
    variants,
    collections,
    countries,
    customers,
    cohorts,
    cohortMonths: Array.from({ length: cohortMonths }, (_, index) => index + 1),
    values,
    funnel,
    hasData,
    money,
    chartData,
  }
}
