import { Command, InvalidArgumentError } from 'commander'
import { DateTime } from 'luxon'
import { CliUsageError } from '#cli/context'
import { csvLine } from '#services/csv'
import { plural } from '#services/plural'

function isoDay(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD')
  }
  return value
}

const EXAMPLES = `
Examples:
  $ stockroom analytics rebuild                          every day that has sales
  $ stockroom analytics rebuild --from 2025-01-01 --to 2025-01-31 --json

Days are calendar days in the store timezone (the analytics plugin's
\`timezone\` setting). Rebuild everything after changing that setting.`

/** `stockroom analytics rebuild`: recomputes the sales rollups from orders, refunds and the order timeline. */
export function analyticsCommand() {
  const command = new Command('analytics').description('sales analytics: rebuild the daily rollups the dashboard reads')
  command
    .command('rebuild')
    .description('recompute the daily sales and product rollups from orders (idempotent)')
    .option('--from <day>', 'first day (YYYY-MM-DD, store timezone)', isoDay)
    .option('--to <day>', 'last day, inclusive (YYYY-MM-DD)', isoDay)
    .addHelpText('after', EXAMPLES)
    .action(async (options: { from?: string; to?: string }, self: Command) => {
      if (options.from && options.to && options.from > options.to) {
        throw new CliUsageError('--from must not be after --to')
      }
      const { default: app } = await import('@adonisjs/core/services/app')
      const { default: RebuildRollups } = await import('./actions/rebuild_rollups.js')
      const result = await (await app.container.make(RebuildRollups)).handle({ from: options.from, to: options.to })
      const write = self.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text))
      const json = Boolean(self.optsWithGlobals().json)
      write(
        json
          ? JSON.stringify(result) + '\n'
          : result.days
            ? `Rebuilt ${plural(result.days, 'day')}, ${result.from} to ${result.to}: ${plural(result.facts, 'order event')} counted\n`
            : 'Nothing to rebuild: no paid, refunded or cancelled orders in that range\n'
      )
    })
  return command
}

const CHART_EXAMPLES = `
Examples:
  $ stockroom report analytics countries --from 2025-01-01 --to 2025-03-31
  $ stockroom report analytics cohorts --from 2025-01-01 --to 2025-12-31 --format csv
  $ stockroom report analytics funnel --from 2025-06-01 --to 2025-06-30 --format json

Charts: sales, products, variants, collections, refunds, countries, customers, cohorts,
values (lifetime value distribution), funnel. The same table as the chart's
CSV in Admin › Analytics, for at most 366 days.`

/** `stockroom report analytics <chart>`: any dashboard chart's table. */
function analyticsReportCommand() {
  return new Command('analytics')
    .description('one Admin › Analytics chart as a table, CSV or JSON')
    .argument('<chart>', 'sales, products, variants, collections, refunds, countries, customers, cohorts, values or funnel')
    .requiredOption('--from <day>', 'first day (YYYY-MM-DD, store timezone)', isoDay)
    .requiredOption('--to <day>', 'last day, inclusive (YYYY-MM-DD)', isoDay)
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--currency <code>', 'ISO currency (default: the store currency)')
    .addHelpText('after', CHART_EXAMPLES)
    .action(async (chart: string, options: { from: string; to: string; format: string; currency?: string }, self: Command) => {
      const { ANALYTICS_CHARTS } = await import('./validators/dashboard_filters.js')
      if (!(ANALYTICS_CHARTS as readonly string[]).includes(chart)) throw new CliUsageError(`chart must be one of ${ANALYTICS_CHARTS.join(', ')}`)
      if (!['table', 'csv', 'json'].includes(options.format)) throw new CliUsageError('--format must be table, csv or json')
      if (options.from > options.to) throw new CliUsageError('--from must not be after --to')
      if (DateTime.fromISO(options.to).diff(DateTime.fromISO(options.from), 'days').days >= 366) {
        throw new CliUsageError('a chart covers at most 366 days')
      }
      const currency = options.currency?.toUpperCase()
      if (currency && !/^[A-Z]{3}$/.test(currency)) throw new CliUsageError('--currency must be a 3-letter ISO code')
      const { loadDashboard } = await import('./queries/dashboard_query.js')
      const { chartCsv, chartTable } = await import('./queries/analytics_csv.js')
      const dashboard = await loadDashboard({ range: 'custom', from: options.from, to: options.to, currency })
      const name = chart as (typeof ANALYTICS_CHARTS)[number]
      const table = chartTable(dashboard, name)

      const write = self.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text))
      if (options.format === 'json' || self.optsWithGlobals().json) {
        const rows = table.rows.map((row) => Object.fromEntries(table.columns.map((column, index) => [column, row[index]])))
        return write(JSON.stringify({ chart, from: dashboard.period.from, to: dashboard.period.to, currency: dashboard.currency, rows }) + '\n')
      }
      if (options.format === 'csv') return write(chartCsv(dashboard, name).replace(/\r\n/g, '\n'))
      const cells = [table.columns, ...table.rows].map((row) => row.map(String))
      const widths = table.columns.map((_, index) => Math.max(...cells.map((row) => row[index].length)))
      const line = (row: string[]) => row.map((cell, index) => cell.padStart(widths[index])).join('  ').trimEnd()
      write([`${chart} ${dashboard.period.from} to ${dashboard.period.to} (${dashboard.currency})`, ...cells.map(line)].join('\n') + '\n')
    })
}

const REPORT_EXAMPLES = `
Examples:
  $ stockroom report sales --from 2025-01-01 --to 2025-03-31 --group-by month
  $ stockroom report sales --from 2025-06-01 --to 2025-06-30 --format csv > june.csv
  $ stockroom report sales --from 2025-06-01 --to 2025-06-07 --format json

The same figures as Admin › Analytics, read from the daily rollups (days in
the store timezone). Amounts are in the currency's major unit.`

type Group = 'day' | 'week' | 'month'

/** The day a row belongs to when grouped: itself, the Monday of its ISO week, or the 1st of its month. */
function bucketOf(day: string, group: Group) {
  if (group === 'day') return day
  const date = DateTime.fromISO(day, { zone: 'UTC' })
  return (group === 'week' ? date.startOf('week') : date.startOf('month')).toISODate()!
}

/** `stockroom report sales`: sales per day, week or month from the rollups. */
export function reportCommand() {
  const command = new Command('report').description('reports from the analytics rollups')
  command
    .command('sales')
    .description('orders, gross and net sales, discounts, refunds and units per day, week or month')
    .requiredOption('--from <day>', 'first day (YYYY-MM-DD, store timezone)', isoDay)
    .requiredOption('--to <day>', 'last day, inclusive (YYYY-MM-DD)', isoDay)
    .option('--group-by <unit>', 'day, week or month', 'day')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--currency <code>', 'ISO currency (default: the store currency)')
    .addHelpText('after', REPORT_EXAMPLES)
    .action(async (options: { from: string; to: string; groupBy: string; format: string; currency?: string }, self: Command) => {
      if (!['day', 'week', 'month'].includes(options.groupBy)) throw new CliUsageError('--group-by must be day, week or month')
      if (!['table', 'csv', 'json'].includes(options.format)) throw new CliUsageError('--format must be table, csv or json')
      if (options.from > options.to) throw new CliUsageError('--from must not be after --to')
      if (DateTime.fromISO(options.to).diff(DateTime.fromISO(options.from), 'days').days > 3660) {
        throw new CliUsageError('a report covers at most ten years')
      }
      const { dailySeries } = await import('./queries/sales_query.js')
      const { analyticsSettings } = await import('./store_clock.js')
      const { majorUnitsText } = await import('#services/money')
      const currency = (options.currency ?? analyticsSettings().currency).toUpperCase()
      if (!/^[A-Z]{3}$/.test(currency)) throw new CliUsageError('--currency must be a 3-letter ISO code')

      const rows = new Map<string, Record<string, number | string>>()
      for (const day of await dailySeries(options.from, options.to, currency)) {
        const key = bucketOf(day.day, options.groupBy as Group)
        const row = rows.get(key) ?? { period: key, orders: 0, grossSales: 0, discounts: 0, returns: 0, refunds: 0, totalSales: 0, netSales: 0, units: 0 }
        for (const field of ['orders', 'grossSales', 'discounts', 'returns', 'refunds', 'totalSales', 'netSales', 'units'] as const) {
          row[field] = Number(row[field]) + day[field]
        }
        rows.set(key, row)
      }
      const money = (minor: number) => majorUnitsText(minor, currency)
      const report = [...rows.values()].map((row) => ({
        period: row.period as string,
        orders: Number(row.orders),
        units: Number(row.units),
        gross_sales: money(Number(row.grossSales)),
        discounts: money(Number(row.discounts)),
        returns: money(Number(row.returns)),
        refunds: money(Number(row.refunds)),
        total_sales: money(Number(row.totalSales)),
        net_sales: money(Number(row.netSales)),
      }))

      const write = self.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text))
      if (options.format === 'json' || self.optsWithGlobals().json) {
        return write(JSON.stringify({ currency, groupBy: options.groupBy, rows: report }) + '\n')
      }
      const columns = ['period', 'orders', 'units', 'gross_sales', 'discounts', 'returns', 'refunds', 'total_sales', 'net_sales'] as const
      if (options.format === 'csv') {
        return write([columns.join(','), ...report.map((row) => csvLine(columns.map((c) => row[c])))].join('\n') + '\n')
      }
      const widths = columns.map((c) => Math.max(c.length, ...report.map((row) => String(row[c]).length)))
      const line = (cells: Array<string | number>) => cells.map((cell, i) => String(cell).padStart(widths[i])).join('  ')
      write([`Sales in ${currency}, per ${options.groupBy}`, line([...columns]), ...report.map((row) => line(columns.map((c) => row[c])))].join('\n') + '\n')
    })
  command.addCommand(analyticsReportCommand())
  return command
}
