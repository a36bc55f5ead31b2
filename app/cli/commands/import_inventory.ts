import { Command, Option } from 'commander'
import app from '@adonisjs/core/services/app'
import { requireInputFile } from '#cli/input_file'
import ImportInventory from '#actions/inventory/import_inventory'
import type { CliContext } from '#cli/context'
import { createProgress } from '#cli/progress'
import { rowImportSummary } from '#cli/row_import_summary'

const EXAMPLES = `
Examples:
  $ stockroom import inventory count.csv --dry-run
  $ stockroom import inventory count.csv --report stock-errors.csv
  $ stockroom import inventory delivery.csv --mode add --json

The file has the columns sku, location and on_hand (a stock location's code;
blank means the default location). Other columns are ignored, so a file from
\`stockroom export inventory\` imports back as is. With --mode set (the
default) on_hand is the count: running the file again changes nothing.

Exit codes: 0 all rows applied, 1 some rows failed (see --report), 2 bad usage.`

/** `stockroom import inventory <file>`: stock counts per SKU and location (app/actions/inventory/import_inventory.ts). */
export default function importInventoryCommand(cli: CliContext) {
  return new Command('inventory')
    .description('set on-hand stock from a CSV of sku, location, on_hand; safe to run again')
    .argument('<file>', 'the CSV file')
    .addOption(new Option('--mode <mode>', 'set: on_hand is the count; add: on_hand is added to the stock').choices(['set', 'add']).default('set'))
    .option('--dry-run', 'check every row, report what would change, write nothing', false)
    .option('--report <errors.csv>', 'write the rows that failed, with their line numbers')
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, options, self: Command) => {
      requireInputFile(file)
      const progress = createProgress(cli.io, 'import inventory')
      const result = await (await app.container.make(ImportInventory))
        .handle(file, { mode: options.mode, dryRun: options.dryRun, reportPath: options.report, onProgress: (sample) => progress.update(sample) })
        .finally(() => progress.stop())
      cli.print(self, result, () =>
        rowImportSummary(
          { ...result, errors: result.errors.map((error) => ({ ...error, subject: [error.sku, error.location].filter(Boolean).join(' @ ') })) },
          `stock, --mode ${result.mode}`,
          [
            ['changed', result.updated],
            ['unchanged', result.unchanged],
          ]
        )
      )
      if (result.errorCount > 0) cli.exitCode = 1
    })
}
