import { Command, InvalidArgumentError } from 'commander'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import QueueImageFetches from '#actions/catalog/queue_image_fetches'
import { CliUsageError, type CliContext } from '#cli/context'
import { plural } from '#services/plural'

const EXAMPLES = `
Examples:
  $ stockroom images fetch-pending                  queue a download job per pending imported image
  $ stockroom images fetch-pending --wait           …and work them in this process, then report
  $ stockroom images fetch-pending --retry-failed --limit 500 --json
  $ stockroom images fetch-pending --product linen-shirt --wait

Jobs are worked by the web process (embedded mode) or \`npm run worker\` (BullMQ);
--wait works them here, for a one-off run or a store without a running server.`

function positiveInt(value: string) {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number above 0')
  return parsed
}

/** `stockroom images …`: product image maintenance (app/actions/catalog/queue_image_fetches.ts). */
export default function imagesCommand(cli: CliContext) {
  const command = new Command('images').description('product image maintenance').addHelpText('after', EXAMPLES)

  command
    .command('fetch-pending')
    .description('download imported images (status pending) as jobs: checked, resized to WebP, stored')
    .option('--retry-failed', 'set images whose fetch failed back to pending first', false)
    .option('--product <handles...>', "only these products' images")
    .option('--limit <count>', 'at most this many images, oldest first', positiveInt)
    .option('--wait', 'work the queued jobs in this process and report how each image ended', false)
    .option('--timeout <seconds>', 'with --wait: give up after this long', positiveInt, 600)
    .addHelpText('after', EXAMPLES)
    .action(async (options, self: Command) => {
      const productIds = options.product ? await productIdsOf(options.product) : undefined
      const queued = await (await app.container.make(QueueImageFetches)).handle({ retryFailed: options.retryFailed, limit: options.limit, productIds })
      let outcome: Record<string, number> | null = null
      if (options.wait && queued.imageIds.length) {
        const queue = await app.container.make('stockroom.queue')
        await queue.drain(options.timeout * 1000)
        outcome = await statusCounts(queued.imageIds)
        if (outcome.failed) cli.exitCode = 1
      }
      const result = { queued: queued.queued, retried: queued.retried, ...(outcome ? { outcome } : {}) }
      cli.print(self, result, () => {
        const lines = [`Queued ${plural(queued.queued, 'image fetch')}${queued.retried ? ` (${plural(queued.retried, 'failed image')} retried)` : ''}`]
        if (outcome) lines.push(`  ready    ${outcome.ready ?? 0}`, `  failed   ${outcome.failed ?? 0}`, `  pending  ${outcome.pending ?? 0}`)
        return lines.join('\n') + '\n'
      })
    })

  return command
}

/** Product ids by handle; an unknown handle is a usage error (exit code 2). */
async function productIdsOf(handles: string[]) {
  const rows = await db.from('products').whereIn('handle', handles).select('id', 'handle')
  const missing = handles.filter((handle) => !rows.some((row) => row.handle === handle))
  if (missing.length) throw new CliUsageError(`No product with handle ${missing.join(', ')}`)
  return rows.map((row) => Number(row.id))
}

/** How the given images ended: { ready, failed, pending }. */
async function statusCounts(imageIds: number[]) {
  const counts: Record<string, number> = { ready: 0, failed: 0, pending: 0 }
  for (let start = 0; start < imageIds.length; start += 500) {
    const rows = await db
      .from('product_images')
      .whereIn('id', imageIds.slice(start, start + 500))
      .select('status')
      .count('* as total')
      .groupBy('status')
    for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + Number(row.total)
  }
  return counts
}
