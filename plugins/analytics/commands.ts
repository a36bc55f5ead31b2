import { Command, InvalidArgumentError } from 'commander'
import { DateTime } from 'luxon'
import { CliUsageError } from '#cli/context'

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
      const { rebuildRollups } = await import('./actions/rebuild_rollups.js')
      const result = await rebuildRollups({ from: options.from, to: options.to })
      const write = self.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text))
      const json = Boolean(self.optsWithGlobals().json)
      write(
        json
          ? JSON.stringify(result) + '\n'
          : result.days
            ? `Rebuilt ${result.days} day(s), ${result.from} to ${result.to}: ${result.facts} order event(s) counted\n`
            : 'Nothing to rebuild: no paid, refunded or cancelled orders in that range\n'
      )
    })
  return command
}
