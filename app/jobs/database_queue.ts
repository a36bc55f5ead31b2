import type { Database } from '@adonisjs/lucid/database'
import type { LoggerService } from '@adonisjs/core/types'
import type { JobRegistry } from '#jobs/job_registry'
import { affectedRows, dbTimestamp, fromDbTimestamp } from '#services/db_time'
import { observeJob } from '#observability/metrics'
import { reportJobError } from '#observability/error_reporting'
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  jobStates,
  retryDelay,
  type DispatchOptions,
  type JobQueue,
  type JobState,
  type JobSummary,
  type RetryJobResult,
} from '#jobs/queue'

interface JobRow {
  id: number | string
  name: string
  payload: unknown
  attempts: number
  max_attempts: number
  backoff_ms: number
  run_at_ms: number | string
}

export interface DatabaseQueueOptions {
  pollMs?: number
  concurrency?: number
  /** how long a claimed job is ours before another worker may take it over */
  leaseMs?: number
}

/**
 * The durable job queue on the `jobs` table. Any number of workers, in any
 * number of processes, claim jobs with a conditional update, so a job runs
 * once per attempt; a worker that dies mid-job loses its lease and the job
 * is taken over. Retries back off exponentially; the last failure marks
 * the job failed and calls its `failed` hook.
 */
export class DatabaseQueue implements JobQueue {
  readonly driver = 'database' as const
  #timer?: NodeJS.Timeout
  #started = false
  #active = 0
  #lastPrune = 0
  readonly #pollMs: number
  readonly #concurrency: number
  readonly #leaseMs: number

  constructor(
    protected db: Database,
    protected registry: JobRegistry,
    protected logger: LoggerService,
    options: DatabaseQueueOptions = {}
  ) {
    this.#pollMs = options.pollMs ?? 500
    this.#concurrency = options.concurrency ?? 2
    this.#leaseMs = options.leaseMs ?? 5 * 60_000
  }

  async dispatch(name: string, payload: unknown, options: DispatchOptions = {}) {
    const job = this.registry.get(name)
    const client = this.db.connection()
    const now = dbTimestamp(client)
    const insert = client.table('jobs').insert({
      queue: options.queue ?? 'default',
      name,
      payload: JSON.stringify(payload ?? null),
      dedupe_key: options.dedupeKey ?? null,
      status: 'pending',
      attempts: 0,
      max_attempts: options.attempts ?? job.attempts ?? DEFAULT_ATTEMPTS,
      backoff_ms: options.backoffMs ?? job.backoffMs ?? DEFAULT_BACKOFF_MS,
      run_at_ms: Date.now() + (options.delayMs ?? 0),
      created_at: now,
      updated_at: now,
    })
    if (options.dedupeKey) {
      await insert.knexQuery.onConflict('dedupe_key').ignore()
    } else {
      await insert
    }
    this.#wake()
  }

  async start() {
    if (this.#started) return
    this.#started = true
    this.#schedule(0)
  }

  async stop() {
    this.#started = false
    clearTimeout(this.#timer)
    // let jobs that are running finish, up to ten seconds
    const deadline = Date.now() + 10_000
    while (this.#active > 0 && Date.now() < deadline) await sleep(25)
  }

  async drain(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const row = await this.#claim()
      if (row) {
        await this.#run(row)
        continue
      }
      const next = await this.db
        .from('jobs')
        .whereIn('status', ['pending', 'running'])
        .min('run_at_ms as next')
        .first()
      if (!next || next.next === null) return
      await sleep(Math.max(5, Math.min(50, Number(next.next) - Date.now())))
    }
    throw new Error(`Jobs still pending after ${timeoutMs} ms`)
  }

  /** Jobs by status, for admin and health pages. */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.from('jobs').select('status').count('* as total').groupBy('status')
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.total)]))
  }

  async listJobs(state: JobState, page: { offset: number; limit: number }) {
    const [count] = await this.db.from('jobs').where('status', state).count('* as total')
    const rows = await this.db
      .from('jobs')
      .where('status', state)
      .orderBy(state === 'pending' ? 'run_at_ms' : 'updated_at', state === 'pending' ? 'asc' : 'desc')
      .orderBy('id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
    return { total: Number(count?.total ?? 0), jobs: rows.map((row) => summarize(row)) }
  }

  async countJobs() {
    const counts = await this.counts()
    return Object.fromEntries(jobStates.map((state) => [state, counts[state] ?? 0])) as Record<JobState, number>
  }

  /** Back to pending with its attempts reset, only if it is failed: a conditional update decides. */
  async retry(id: string): Promise<RetryJobResult> {
    if (!/^\d{1,18}$/.test(id)) return 'missing'
    const client = this.db.connection()
    const updated = affectedRows(
      await client
        .from('jobs')
        .where('id', id)
        .where('status', 'failed')
        .update({
          status: 'pending',
          attempts: 0,
          run_at_ms: Date.now(),
          locked_until_ms: null,
          finished_at: null,
          updated_at: dbTimestamp(client),
        })
    )
    if (updated === 1) {
      this.#wake()
      return 'retried'
    }
    return (await this.db.from('jobs').where('id', id).first()) ? 'not_failed' : 'missing'
  }

  #wake() {
    if (this.#started && this.#active < this.#concurrency) this.#schedule(0)
  }

  #schedule(delay: number) {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.#tick(), delay)
    this.#timer.unref?.()
  }

  async #tick() {
    if (!this.#started) return
    try {
      let claimedAny = false
      while (this.#started && this.#active < this.#concurrency) {
        const row = await this.#claim()
        if (!row) break
        claimedAny = true
        this.#active++
        this.#run(row).finally(() => {
          this.#active--
          this.#wake()
        })
      }
      await this.#pruneFinished()
      if (this.#started) this.#schedule(claimedAny ? this.#pollMs / 5 : this.#pollMs)
    } catch (error) {
      this.logger.error({ err: error }, 'job worker could not claim jobs')
      if (this.#started) this.#schedule(this.#pollMs * 4)
    }
  }

  /** Claims the oldest due job, or one whose worker's lease ran out. */
  async #claim(): Promise<JobRow | null> {
    const now = Date.now()
    const due = (query: any) =>
      query
        .where((pending: any) => pending.where('status', 'pending').where('run_at_ms', '<=', now))
        .orWhere((stale: any) => stale.where('status', 'running').where('locked_until_ms', '<', now))
    const candidates = await due(this.db.from('jobs').select('id')).orderBy('run_at_ms').orderBy('id').limit(5)
    for (const candidate of candidates) {
      const client = this.db.connection()
      const claimed = affectedRows(
        await client
          .from('jobs')
          .where('id', candidate.id)
          .where((query) => due(query))
          .update({
            status: 'running',
            locked_until_ms: now + this.#leaseMs,
            attempts: client.knexRawQuery('attempts + 1'),
            updated_at: dbTimestamp(client),
          })
      )
      if (claimed === 1) return this.db.from('jobs').where('id', candidate.id).first()
    }
    return null
  }

  async #run(row: JobRow) {
    const client = this.db.connection()
    const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload
    const finish = (values: Record<string, unknown>) =>
      client.from('jobs').where('id', row.id).update({ ...values, updated_at: dbTimestamp(client) })

    if (!this.registry.has(row.name)) {
      await finish({ status: 'failed', last_error: `No job named "${row.name}" is defined`, finished_at: dbTimestamp(client) })
      return
    }
    const job = this.registry.get(row.name)
    try {
      await observeJob(row.name, { attempt: row.attempts, dueAt: Number(row.run_at_ms) }, () =>
        job.handle(payload, { attempt: row.attempts, jobId: String(row.id) })
      )
      await finish({ status: 'completed', locked_until_ms: null, finished_at: dbTimestamp(client) })
    } catch (error) {
      const message = (error as Error)?.message ?? String(error)
      if (row.attempts >= row.max_attempts) {
        await finish({ status: 'failed', last_error: message, locked_until_ms: null, finished_at: dbTimestamp(client) })
        this.logger.error({ err: error, job: row.name, jobId: row.id }, 'job failed for good')
        reportJobError(error, { name: row.name, id: row.id, attempt: row.attempts })
        await Promise.resolve(job.failed?.(payload, error as Error)).catch((hookError) =>
          this.logger.error({ err: hookError, job: row.name }, 'job failed() hook threw')
        )
      } else {
        await finish({
          status: 'pending',
          last_error: message,
          locked_until_ms: null,
          run_at_ms: Date.now() + retryDelay(row.backoff_ms, row.attempts),
        })
        this.logger.warn({ err: error, job: row.name, jobId: row.id, attempt: row.attempts }, 'job failed, will retry')
      }
    }
  }

  /** Completed jobs are kept a day for inspection, then removed. */
  async #pruneFinished() {
    if (Date.now() - this.#lastPrune < 10 * 60_000) return
    this.#lastPrune = Date.now()
    const cutoff = Date.now() - 24 * 3600_000
    await this.db.from('jobs').where('status', 'completed').where('run_at_ms', '<', cutoff).delete()
  }
}

function summarize(row: Record<string, any>): JobSummary {
  const state: JobState = row.status === 'completed' ? 'running' : row.status
  return {
    id: String(row.id),
    queue: row.queue,
    name: row.name,
    state,
    payload: typeof row.payload === 'string' ? safeJson(row.payload) : row.payload,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error ?? null,
    createdAt: fromDbTimestamp(row.created_at) ?? new Date(0),
    at: state === 'failed' ? fromDbTimestamp(row.finished_at ?? row.updated_at) : state === 'pending' ? new Date(Number(row.run_at_ms)) : null,
  }
}

function safeJson(text: string) {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
