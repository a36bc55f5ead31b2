import { existsSync } from 'node:fs'
import { Command, Option } from 'commander'
import ImportProducts, { type ImportProductsResult } from '#actions/catalog/import_products'
import { CliUsageError, type CliContext } from '#cli/context'
import { createProgress } from '#cli/progress'

const EXAMPLES = `
Examples:
  $ stockroom import products shopify-export.csv --dry-run
  $ stockroom import products products.csv --format woocommerce --report errors.csv
  $ stockroom import products nightly.csv --mode update-only --images skip --json

Exit codes: 0 all rows imported, 1 some rows failed (see --report), 2 bad usage.`

function summary(result: ImportProductsResult) {
  const lines = [
    `${result.dryRun ? 'Dry run (nothing written): would import' : 'Imported'} ${result.rows} rows (${result.format}) in ${(result.ms / 1000).toFixed(1)} s`,
    `  created    ${result.created}`,
    `  updated    ${result.updated}`,
    `  unchanged  ${result.unchanged}`,
    `  skipped    ${result.skipped}`,
    `  errors     ${result.errorCount}`,
    ...result.errors.slice(0, 10).map((error) => `    line ${error.line}${error.handle ? ` (${error.handle})` : ''}: ${error.message}`),
  ]
  if (result.errorCount > 10) lines.push(`    … ${result.errorCount - 10} more (use --report <file.csv>)`)
  return lines.join('\n') + '\n'
}

/** `stockroom import products <file>`: the catalog importer (app/actions/catalog/import_products.ts). */
export default function importCommand(cli: CliContext) {
  const command = new Command('import').description('import data from CSV files').addHelpText('after', EXAMPLES)

  command
    .command('products')
    .description('import a Shopify or WooCommerce product CSV; safe to run again (unchanged rows are left alone)')
    .argument('<file>', 'the CSV file')
    .addOption(new Option('--format <format>', 'file format').choices(['auto', 'shopify', 'woocommerce']).default('auto'))
    .addOption(new Option('--mode <mode>', 'what to write').choices(['upsert', 'create-only', 'update-only']).default('upsert'))
    .addOption(new Option('--images <images>', 'link: record image URLs as pending images; skip: ignore').choices(['link', 'skip']).default('link'))
    .option('--dry-run', 'run the import, report what would change, write nothing', false)
    .option('--report <errors.csv>', 'write the rows that failed or were skipped, with their line numbers')
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, options, self: Command) => {
      if (!existsSync(file)) throw new CliUsageError(`No such file: ${file}`)
      const progress = createProgress(cli.io, 'import')
      let result: ImportProductsResult
      try {
        result = await new ImportProducts().handle(file, {
          format: options.format,
          mode: options.mode,
          images: options.images,
          dryRun: options.dryRun,
          reportPath: options.report,
          onProgress: (sample) => progress.update(sample),
        })
      } finally {
        progress.stop()
      }
      cli.print(self, result, () => summary(result))
      if (result.errorCount > 0) cli.exitCode = 1
    })

  return command
}
