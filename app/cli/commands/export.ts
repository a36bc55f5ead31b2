import { Writable } from 'node:stream'
import app from '@adonisjs/core/services/app'
import { Command, Option } from 'commander'
import ExportProducts from '#actions/catalog/export_products'
import ExportInventory, { type ExportRecordsOptions } from '#actions/inventory/export_inventory'
import ExportCustomers from '#actions/customers/export_customers'
import ExportOrders from '#actions/exports/export_orders'
import { validateOptions, type CliContext } from '#cli/context'
import { EXPORT_FORMATS } from '#import_export/exporters/record_writer'
import { exportOptionsValidator, parseSince } from '#validators/export_options'
import { createProgress } from '#cli/progress'
import { PRODUCT_STATUSES } from '#models/product'

const EXAMPLES = `
Examples:
  $ stockroom export products --output catalog.csv
  $ stockroom export products --status active > active.csv
  $ stockroom export products --output catalog.csv --json

The file is a Shopify product CSV: it imports into Shopify, and back into
Stockroom with \`stockroom import products\` (unchanged rows stay unchanged).
Images stored in Stockroom are written as absolute URLs on the store's address:
APP_URL when set, else http://HOST:PORT of this server (http://localhost:3333
by default), the same address the store's emails link to.

  $ stockroom export inventory --output stock.csv
  $ stockroom export customers --since 2025-01-01 --format jsonl > customers.jsonl
  $ stockroom export orders --since 2025-06-01T00:00:00Z --output orders.csv

Inventory and customer files import back with \`stockroom import inventory|customers\`.`

/** `stockroom export products`: the catalog as a Shopify CSV (app/actions/catalog/export_products.ts). */
export default function exportCommand(cli: CliContext) {
  const command = new Command('export').description('export data as CSV (or JSON Lines) files').addHelpText('after', EXAMPLES)

  command
    .command('products')
    .description('export the catalog as a Shopify product CSV (stdout unless --output)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addOption(new Option('--status <status...>', 'only products with these statuses').choices([...PRODUCT_STATUSES]))
    .addOption(new Option('--format <format>', 'csv: Shopify product CSV; jsonl: one product per line as JSON').choices(EXPORT_FORMATS).default('csv'))
    .addHelpText('after', EXAMPLES)
    .action(async (options, self: Command) => {
      // Without --output the CSV is stdout, so the summary goes to stderr.
      const toStdout = !options.output
      const progress = createProgress(cli.io, 'export', 1000)
      const result = await (await app.container.make(ExportProducts))
        .handle({
          output: toStdout ? stdoutStream(cli) : options.output,
          status: options.status,
          format: options.format,
          onProgress: (sample) => progress.update(sample),
        })
        .finally(() => progress.stop())

      const human = () =>
        `Exported ${result.products} products (${result.variants} variants, ${result.rows} rows) ` +
        `${options.output ? `to ${options.output} ` : ''}in ${(result.ms / 1000).toFixed(1)} s\n`
      if (toStdout) cli.io.stderr(cli.json(self) ? JSON.stringify(result) + '\n' : human())
      else cli.print(self, { ...result, output: options.output }, human)
    })

  type RecordsExport = { handle(options: ExportRecordsOptions): Promise<{ rows: number; ms: number }> }
  const records: Array<[string, string, new (...args: any[]) => RecordsExport]> = [
    ['inventory', 'stock per SKU and location: sku, handle, variant_title, location, on_hand, reserved, available', ExportInventory],
    ['customers', 'customers with their default address, in the columns `import customers` reads', ExportCustomers],
    ['orders', 'orders, one row per line: number, date, email, statuses, totals, currency, line sku/title/quantity/price', ExportOrders],
  ]
  for (const [name, description, action] of records) {
    command
      .command(name)
      .description(`${description} (stdout unless --output)`)
      .addOption(new Option('--format <format>', 'csv, or jsonl: one JSON object per line').choices(EXPORT_FORMATS).default('csv'))
      .option('--since <date>', `only ${name === 'orders' ? 'orders placed' : 'rows changed'} at or after this ISO 8601 date (UTC unless it has an offset)`)
      .option('-o, --output <file>', 'write to this file instead of stdout')
      .addHelpText('after', EXAMPLES)
      .action(async (options, self: Command) => {
        const { since } = await validateOptions(exportOptionsValidator, { since: options.since })
        const toStdout = !options.output
        const progress = createProgress(cli.io, `export ${name}`, 1000)
        const result = await (await app.container.make(action))
          .handle({
            output: toStdout ? stdoutStream(cli) : options.output,
            format: options.format,
            since: parseSince(since),
            onProgress: (sample) => progress.update(sample),
          })
          .finally(() => progress.stop())
        const human = () => `Exported ${result.rows} ${name} rows ${options.output ? `to ${options.output} ` : ''}in ${(result.ms / 1000).toFixed(1)} s\n`
        // Without --output the data is stdout, so the summary goes to stderr.
        if (toStdout) cli.io.stderr(cli.json(self) ? JSON.stringify(result) + '\n' : human())
        else cli.print(self, { ...result, output: options.output }, human)
      })
  }

  return command
}

/** A writable that forwards to the CLI's stdout (the process in real use, a buffer in tests). */
function stdoutStream(cli: CliContext) {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      cli.io.stdout(chunk.toString())
      done()
    },
  })
}
