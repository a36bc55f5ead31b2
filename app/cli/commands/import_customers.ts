import { Command } from 'commander'
import app from '@adonisjs/core/services/app'
import { requireInputFile } from '#cli/input_file'
import ImportCustomers from '#actions/customers/import_customers'
import type { CliContext } from '#cli/context'
import { createProgress } from '#cli/progress'
import { rowImportSummary } from '#cli/row_import_summary'

const EXAMPLES = `
Examples:
  $ stockroom import customers shopify-customers.csv --dry-run
  $ stockroom import customers customers.csv --report customer-errors.csv --json

Reads Shopify's customer export (First Name, Last Name, Email, Accepts Email
Marketing, Default Address Company/Address1/Address2/City/Province Code/
Country Code/Zip/Phone, Phone) or a simple file with the columns email,
first_name, last_name, phone, accepts_marketing, company, address1, address2,
city, province_code, country_code, zip, address_phone. Customers match on
their email; their address becomes the default one. No password is set and
no email is sent. A file from \`stockroom export customers\` imports back as is.

Exit codes: 0 all rows imported, 1 some rows failed (see --report), 2 bad usage.`

/** `stockroom import customers <file>`: customers with their default address (app/actions/customers/import_customers.ts). */
export default function importCustomersCommand(cli: CliContext) {
  return new Command('customers')
    .description('import customers from a Shopify customer CSV or a simple one; safe to run again')
    .argument('<file>', 'the CSV file')
    .option('--dry-run', 'check every row, report what would change, write nothing', false)
    .option('--report <errors.csv>', 'write the rows that failed or were skipped, with their line numbers')
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, options, self: Command) => {
      requireInputFile(file)
      const progress = createProgress(cli.io, 'import customers')
      const result = await (await app.container.make(ImportCustomers))
        .handle(file, { dryRun: options.dryRun, reportPath: options.report, onProgress: (sample) => progress.update(sample) })
        .finally(() => progress.stop())
      cli.print(self, result, () =>
        rowImportSummary({ ...result, errors: result.errors.map((error) => ({ ...error, subject: error.email })) }, 'customers', [
          ['created', result.created],
          ['updated', result.updated],
          ['unchanged', result.unchanged],
          ['skipped', result.skipped],
        ])
      )
      if (result.errorCount > 0) cli.exitCode = 1
    })
}
