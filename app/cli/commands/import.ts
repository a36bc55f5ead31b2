import { Command, Option } from 'commander'
import app from '@adonisjs/core/services/app'
import { requireInputFile } from '#cli/input_file'
import ImportProducts, { type ImportProductsResult } from '#actions/catalog/import_products'
import QueueImageFetches from '#actions/catalog/queue_image_fetches'
import { lastImageId } from '#catalog/image_jobs'
import type { CliContext } from '#cli/context'
import { createProgress } from '#cli/progress'
import type { ReportedRow } from '#import_export/importers/error_report'
import importInventoryCommand from '#cli/commands/import_inventory'
import importCustomersCommand from '#cli/commands/import_customers'

const EXAMPLES = `
Examples:
  $ stockroom import products shopify-export.csv --dry-run
  $ stockroom import products products.csv --format woocommerce --report errors.csv
  $ stockroom import products nightly.csv --mode update-only --images skip --json
  $ stockroom import products shopify-export.csv --images download
  $ stockroom import products catalog.jsonl             (from export products --format jsonl)

An interrupted import (crash, Ctrl-C, lost connection) resumes after its
last committed batch when run again with the same file and options.

A SKU repeated in the file is kept by its first row; later rows import
without it and are listed as warnings (see docs/cli.md).

Exit codes: 0 all rows imported (warnings included), 1 some rows failed (see --report), 2 bad usage.`

const rowLine = (row: ReportedRow) => `    line ${row.line}${row.handle ? ` (${row.handle})` : ''}: ${row.message}`

function summary(result: ImportProductsResult) {
  const lines = [
    ...(result.resumedAfterLine ? [`Resumed an interrupted import after line ${result.resumedAfterLine} (--restart starts over)`] : []),
    `${result.dryRun ? 'Dry run (nothing written): would import' : 'Imported'} ${result.rows} rows (${result.format}) in ${(result.ms / 1000).toFixed(1)} s`,
    `  created    ${result.created}`,
    `  updated    ${result.updated}`,
    `  unchanged  ${result.unchanged}`,
    `  skipped    ${result.skipped}`,
    `  errors     ${result.errorCount}`,
    ...result.errors.slice(0, 10).map(rowLine),
  ]
  if (result.errorCount > 10) lines.push(`    … ${result.errorCount - 10} more (use --report <file.csv>)`)
  if (result.warningCount) {
    lines.push(`  warnings   ${result.warningCount} (imported, with a change)`, ...result.warnings.slice(0, 10).map(rowLine))
    if (result.warningCount > 10) lines.push(`    … ${result.warningCount - 10} more (use --report <file.csv>)`)
  }
  if (result.knownColumns.length) lines.push(`  ignored (known columns, nothing in Stockroom to import them into): ${result.knownColumns.join(', ')}`)
  if (result.ignoredColumns.length) lines.push(`  columns not imported: ${result.ignoredColumns.join(', ')}`)
  return lines.join('\n') + '\n'
}

/** `stockroom import products <file>`: the catalog importer (app/actions/catalog/import_products.ts). */
export default function importCommand(cli: CliContext) {
  const command = new Command('import').description('import data from CSV files').addHelpText('after', EXAMPLES)

  command
    .command('products')
    .description('import a Shopify or WooCommerce product CSV, or a Stockroom JSON Lines export; safe to run again (unchanged rows are left alone)')
    .argument('<file>', 'the CSV file')
    .addOption(new Option('--format <format>', 'file format (stockroom: the JSON Lines of `export products --format jsonl`)').choices(['auto', 'shopify', 'woocommerce', 'stockroom']).default('auto'))
    .addOption(new Option('--mode <mode>', 'what to write').choices(['upsert', 'create-only', 'update-only']).default('upsert'))
    .addOption(
      new Option('--images <images>', 'link: record image URLs as pending images; download: link, then queue a download job per image added; skip: ignore')
        .choices(['link', 'download', 'skip'])
        .default('link')
    )
    .option('--dry-run', 'run the import, report what would change, write nothing', false)
    .option('--report <errors.csv>', 'write the rows that failed, were skipped or imported with a warning, with their line numbers')
    .option('--restart', 'start over instead of resuming an interrupted import of the same file', false)
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, options, self: Command) => {
      requireInputFile(file)
      const progress = createProgress(cli.io, 'import')
      const imagesBefore = options.images === 'download' ? await lastImageId() : 0
      let result: ImportProductsResult
      try {
        result = await (await app.container.make(ImportProducts)).handle(file, {
          format: options.format,
          mode: options.mode,
          images: options.images === 'download' ? 'link' : options.images,
          dryRun: options.dryRun,
          reportPath: options.report,
          restart: options.restart,
          onProgress: (sample) => progress.update(sample),
        })
      } finally {
        progress.stop()
      }
      // The images this import added are downloaded by jobs (`stockroom images fetch-pending --wait` works them here).
      const imagesQueued =
        options.images === 'download' && !result.dryRun
          ? (await (await app.container.make(QueueImageFetches)).handle({ afterImageId: imagesBefore })).queued
          : null
      const output = imagesQueued === null ? result : { ...result, imagesQueued }
      cli.print(self, output, () => summary(result) + (imagesQueued === null ? '' : `  image downloads queued: ${imagesQueued}\n`))
      if (result.errorCount > 0) cli.exitCode = 1
    })

  // Row imports, a file each: stock counts and customers.
  command.addCommand(importInventoryCommand(cli))
  command.addCommand(importCustomersCommand(cli))

  return command
}
