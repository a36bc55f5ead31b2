import { Writable } from 'node:stream'
import { Command, Option } from 'commander'
import ExportProducts from '#actions/catalog/export_products'
import type { CliContext } from '#cli/context'
import { createProgress } from '#cli/progress'
import { PRODUCT_STATUSES } from '#models/product'

const EXAMPLES = `
Examples:
  $ stockroom export products --output catalog.csv
  $ stockroom export products --status active > active.csv
  $ stockroom export products --output catalog.csv --json

The file is a Shopify product CSV: it imports into Shopify, and back into
Stockroom with \`stockroom import products\` (unchanged rows stay unchanged).`

/** `stockroom export products`: the catalog as a Shopify CSV (app/actions/catalog/export_products.ts). */
export default function exportCommand(cli: CliContext) {
  const command = new Command('export').description('export data as CSV files').addHelpText('after', EXAMPLES)

  command
    .command('products')
    .description('export the catalog as a Shopify product CSV (stdout unless --output)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addOption(new Option('--status <status...>', 'only products with these statuses').choices([...PRODUCT_STATUSES]))
    .addHelpText('after', EXAMPLES)
    .action(async (options, self: Command) => {
      // Without --output the CSV is stdout, so the summary goes to stderr.
      const toStdout = !options.output
      const progress = createProgress(cli.io, 'export', 1000)
      const result = await new ExportProducts()
        .handle({
          output: toStdout ? stdoutStream(cli) : options.output,
          status: options.status,
          onProgress: (sample) => progress.update(sample),
        })
        .finally(() => progress.stop())

      const human = () =>
        `Exported ${result.products} products (${result.variants} variants, ${result.rows} rows) ` +
        `${options.output ? `to ${options.output} ` : ''}in ${(result.ms / 1000).toFixed(1)} s\n`
      if (toStdout) cli.io.stderr(cli.json(self) ? JSON.stringify(result) + '\n' : human())
      else cli.print(self, { ...result, output: options.output }, human)
    })

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
