import { Command, InvalidArgumentError, Option } from 'commander'
import { DateTime } from 'luxon'
import { CliUsageError, type CliContext } from '#cli/context'
import { majorUnitsText, storeCurrency } from '#services/money'
import { csvLine } from '#services/csv'
import { stockLevels, stockMovements, type ReportGroup } from '#queries/operator_report_query'
import { customerReport } from '#queries/customer_report_query'

function isoDay(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) throw new InvalidArgumentError('expected a date as YYYY-MM-DD')
  return value
}

type Cell = string | number
type Table = { title: string; rows: Array<Record<string, Cell>> }

/** The header line always, so a script reading an empty period still sees the columns. */
function csv<Row extends Record<string, Cell>>(columns: ReadonlyArray<keyof Row & string>, rows: Row[]) {
  return [columns.join(','), ...rows.map((row) => csvLine(columns.map((column) => row[column])))].join('\n') + '\n'
}

const MOVEMENT_COLUMNS = ['period', 'reason', 'units_in', 'units_out', 'net', 'movements'] as const
const LEVEL_COLUMNS = ['sku', 'handle', 'variant', 'location', 'on_hand', 'reserved', 'available', 'cost_value', 'retail_value'] as const
const CUSTOMER_COLUMNS = ['period', 'new_customers', 'ordering_customers', 'returning_customers', 'orders', 'revenue', 'revenue_per_customer'] as const

function table({ title, rows }: Table) {
  if (!rows.length) return `${title}\n  (none)\n`
  const columns = Object.keys(rows[0])
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)))
  const line = (cells: Cell[]) => cells.map((cell, index) => String(cell).padStart(widths[index])).join('  ')
  return [title, line(columns), ...rows.map((row) => line(columns.map((column) => row[column])))].join('\n') + '\n'
}

/** --from, --to, --group-by and --format, checked the way `report sales` checks them. */
function withRange(command: Command) {
  return command
    .requiredOption('--from <day>', 'first day (YYYY-MM-DD, UTC)', isoDay)
    .requiredOption('--to <day>', 'last day, inclusive (YYYY-MM-DD)', isoDay)
    .addOption(new Option('--group-by <unit>', 'day, week or month').choices(['day', 'week', 'month']).default('day'))
    .addOption(new Option('--format <format>', 'table, csv or json').choices(['table', 'csv', 'json']).default('table'))
}

function checkRange(options: { from: string; to: string }) {
  if (options.from > options.to) throw new CliUsageError('--from must not be after --to')
  if (DateTime.fromISO(options.to).diff(DateTime.fromISO(options.from), 'days').days > 3660) {
    throw new CliUsageError('a report covers at most ten years')
  }
}

function reportCurrency(option?: string) {
  const currency = (option ?? storeCurrency).toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) throw new CliUsageError('--currency must be a 3-letter ISO code')
  return currency
}

const money = majorUnitsText

const INVENTORY_EXAMPLES = `
Examples:
  $ stockroom report inventory --from 2025-06-01 --to 2025-06-30 --group-by week
  $ stockroom report inventory --from 2025-06-01 --to 2025-06-30 --levels --format csv > stock.csv

Stock now (on hand, reserved, available, valued at cost and at price) and
the ledger's movements in the range per period and reason. --levels lists
the stock per variant and location instead of the movements (CSV rows).`

function inventoryReport(cli: CliContext) {
  return withRange(new Command('inventory'))
    .description('stock on hand, reserved and available with its value; movements per day, week or month')
    .option('--levels', 'list stock per variant and location (with --format csv: those rows instead of movements)', false)
    .addHelpText('after', INVENTORY_EXAMPLES)
    .action(async (options: { from: string; to: string; groupBy: ReportGroup; format: string; levels: boolean }, self: Command) => {
      checkRange(options)
      const levels = await stockLevels()
      const movements = (await stockMovements(options.from, options.to, options.groupBy)).map((row) => ({
        period: row.period, reason: row.reason, units_in: row.unitsIn, units_out: row.unitsOut, net: row.unitsIn - row.unitsOut, movements: row.movements,
      }))
      const levelRows = levels.map((level) => ({
        sku: level.sku ?? '', handle: level.handle, variant: level.variantTitle, location: level.location,
        on_hand: level.onHand, reserved: level.reserved, available: level.available,
        cost_value: level.cost === null ? '' : money(level.cost * level.onHand, level.currency),
        retail_value: money(level.price * level.onHand, level.currency),
      }))
      const currency = levels[0]?.currency ?? storeCurrency
      const stock = {
        on_hand: levels.reduce((sum, level) => sum + level.onHand, 0),
        reserved: levels.reduce((sum, level) => sum + level.reserved, 0),
        available: levels.reduce((sum, level) => sum + level.available, 0),
        cost_value: money(levels.reduce((sum, level) => sum + (level.cost ?? 0) * level.onHand, 0), currency),
        retail_value: money(levels.reduce((sum, level) => sum + level.price * level.onHand, 0), currency),
        uncosted_units: levels.reduce((sum, level) => sum + (level.cost === null ? level.onHand : 0), 0),
      }
      if (options.format === 'json' || cli.json(self)) {
        const data = { from: options.from, to: options.to, groupBy: options.groupBy, currency, stock, movements, ...(options.levels ? { levels: levelRows } : {}) }
        return cli.io.stdout(JSON.stringify(data) + '\n')
      }
      if (options.format === 'csv') {
        return cli.io.stdout(options.levels ? csv(LEVEL_COLUMNS, levelRows) : csv(MOVEMENT_COLUMNS, movements))
      }
      cli.io.stdout(
        table({ title: `Stock now (${currency})`, rows: [stock] }) +
          (options.levels ? table({ title: 'Per variant and location', rows: levelRows }) : '') +
          table({ title: `Movements ${options.from} to ${options.to}, per ${options.groupBy}`, rows: movements })
      )
    })
}

const CUSTOMER_EXAMPLES = `
Examples:
  $ stockroom report customers --from 2025-01-01 --to 2025-12-31 --group-by month
  $ stockroom report customers --from 2025-06-01 --to 2025-06-30 --format json --top 20

Per period: customers who signed up, customers with paid orders, the
returning ones among them (a paid order before the period), their orders,
revenue (order totals minus their refunds) and revenue per ordering
customer; then the top customers of the range by the lifetime value the
admin shows (paid minus refunded). Guest orders belong to no customer.`

function customersReport(cli: CliContext) {
  return withRange(new Command('customers'))
    .description('new, ordering and returning customers, revenue per customer, top customers')
    .option('--currency <code>', 'ISO currency of the orders counted (default: STORE_CURRENCY or USD)')
    .option('--top <n>', 'how many top customers', (value) => {
      const top = Number(value)
      if (!Number.isInteger(top) || top < 1 || top > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000')
      return top
    }, 10)
    .addHelpText('after', CUSTOMER_EXAMPLES)
    .action(async (options: { from: string; to: string; groupBy: ReportGroup; format: string; currency?: string; top: number }, self: Command) => {
      checkRange(options)
      const currency = reportCurrency(options.currency)
      const report = await customerReport(options.from, options.to, options.groupBy, currency, options.top)
      const rows = report.rows.map((row) => ({
        period: row.period,
        new_customers: row.newCustomers,
        ordering_customers: row.orderingCustomers,
        returning_customers: row.returningCustomers,
        orders: row.orders,
        revenue: money(row.revenue, currency),
        revenue_per_customer: money(row.orderingCustomers ? Math.round(row.revenue / row.orderingCustomers) : 0, currency),
      }))
      const top = report.topCustomers.map((customer) => ({ ...customer, revenue: money(customer.revenue, currency) }))
      if (options.format === 'json' || cli.json(self)) {
        return cli.io.stdout(JSON.stringify({ from: options.from, to: options.to, groupBy: options.groupBy, currency, rows, topCustomers: top }) + '\n')
      }
      if (options.format === 'csv') return cli.io.stdout(csv(CUSTOMER_COLUMNS, rows))
      cli.io.stdout(
        table({ title: `Customers in ${currency}, per ${options.groupBy}`, rows }) + table({ title: 'Top customers', rows: top })
      )
    })
}

/**
 * Adds `report inventory` and `report customers` beside the analytics
 * plugin's `report sales` (or under a `report` command of their own when
 * that plugin is not loaded).
 */
export function addCoreReports(program: Command, cli: CliContext) {
  let report = program.commands.find((command) => command.name() === 'report')
  if (!report) {
    report = new Command('report').description('reports')
    report.copyInheritedSettings(program)
    program.addCommand(report)
  }
  for (const command of [inventoryReport(cli), customersReport(cli)]) {
    command.copyInheritedSettings(report)
    report.addCommand(command)
  }
}
