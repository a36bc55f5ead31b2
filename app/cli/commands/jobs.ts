import { Command, InvalidArgumentError } from 'commander'
import app from '@adonisjs/core/services/app'
import RetryJob from '#actions/system/retry_job'
import { CliUsageError, type CliContext } from '#cli/context'
import type { JobSummary } from '#jobs/queue'
import { cliActor, type Actor } from '#services/actor'
import { plural } from '#services/plural'

const EXAMPLES = `
Examples:
  $ stockroom jobs status                     counts per state, the latest failed jobs
  $ stockroom jobs status --limit 100 --json
  $ stockroom jobs retry 1234                 queue one failed job again
  $ stockroom jobs retry --all-failed

A retried job starts over with its attempts reset; the web process (embedded
mode) or \`npm run worker\` (BullMQ) works it. Every retry is written to the
audit log with the actor cli.`

function positiveInt(value: string) {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number above 0')
  return parsed
}

function failedLine(job: JobSummary) {
  const error = job.lastError?.split('\n')[0] ?? ''
  return `  ${job.id.padEnd(8)} ${job.queue.padEnd(10)} ${job.name.padEnd(28)} ${job.attempts}/${job.maxAttempts}  ${job.at?.toISOString() ?? ''}  ${error}`
}

/** `stockroom jobs status|retry`: the job queue, whichever driver runs it (database or BullMQ). */
export default function jobsCommand(cli: CliContext) {
  const command = new Command('jobs').description('background jobs: what is queued, what failed, retry').addHelpText('after', EXAMPLES)

  command
    .command('status')
    .description('jobs per state (pending, running, failed) and the latest failed jobs with their errors')
    .option('--limit <count>', 'failed jobs to list', positiveInt, 20)
    .addHelpText('after', EXAMPLES)
    .action(async (options, self: Command) => {
      const queue = await app.container.make('stockroom.queue')
      const counts = await queue.countJobs()
      const { jobs } = await queue.listJobs('failed', { offset: 0, limit: options.limit })
      // Failed jobs per queue, among those listed (the queue API counts per state only).
      const failedByQueue: Record<string, number> = {}
      for (const job of jobs) failedByQueue[job.queue] = (failedByQueue[job.queue] ?? 0) + 1
      const failed = jobs.map((job) => ({ ...job, createdAt: job.createdAt.toISOString(), at: job.at?.toISOString() ?? null }))
      cli.print(self, { driver: queue.driver, counts, failedByQueue, failed }, () =>
        [
          `Jobs (${queue.driver} queue)`,
          `  pending  ${counts.pending}`,
          `  running  ${counts.running}`,
          `  failed   ${counts.failed}`,
          ...(jobs.length
            ? [`Failed jobs (latest ${jobs.length} of ${counts.failed}):`, `  ${'id'.padEnd(8)} ${'queue'.padEnd(10)} ${'job'.padEnd(28)} tries  failed at  error`, ...jobs.map(failedLine)]
            : []),
        ].join('\n') + '\n'
      )
    })

  command
    .command('retry')
    .description('queue failed jobs again with their attempts reset: one by id, or every failed job')
    .argument('[id]', 'the job id (as `jobs status` lists it)')
    .option('--all-failed', 'retry every failed job', false)
    .addHelpText('after', EXAMPLES)
    .action(async (id: string | undefined, options, self: Command) => {
      if (Boolean(id) === options.allFailed) throw new CliUsageError('Give a job id or --all-failed (one of them)')
      const retry = await app.container.make(RetryJob)
      const actor = cliActor()
      if (id) {
        const outcome = await retry.handle(id, actor)
        if (outcome === 'missing') throw new CliUsageError(`No job with id ${id}`)
        if (outcome === 'not_failed') cli.exitCode = 1
        cli.print(self, { id, outcome }, () =>
          outcome === 'retried' ? `Job ${id} queued again\n` : `Job ${id} has not failed (it is pending or running): left alone\n`
        )
        return
      }
      const retried = await retryAllFailed(retry, actor)
      cli.print(self, { retried: retried.length, ids: retried }, () => `Queued ${plural(retried.length, 'failed job')} again\n`)
    })

  return command
}

/**
 * Pages through failed jobs from the top: each retried job leaves the
 * failed list. Ids already tried are skipped, so a job that fails again at
 * once (or that another operator retried) cannot keep this loop going.
 */
async function retryAllFailed(retry: RetryJob, actor: Actor) {
  const queue = await app.container.make('stockroom.queue')
  const tried = new Set<string>()
  const retried: string[] = []
  for (;;) {
    const { jobs } = await queue.listJobs('failed', { offset: 0, limit: 100 + tried.size })
    const fresh = jobs.filter((job) => !tried.has(job.id))
    if (!fresh.length) return retried
    for (const job of fresh) {
      tried.add(job.id)
      if ((await retry.handle(job.id, actor)) === 'retried') retried.push(job.id)
    }
  }
}
