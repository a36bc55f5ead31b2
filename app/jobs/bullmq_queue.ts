import { Worker, type Job, type JobType, type Queue, type ConnectionOptions } from 'bullmq'
import type { LoggerService } from '@adonisjs/core/types'
import type { JobRegistry } from '#jobs/job_registry'
import { observeJob } from '#observability/metrics'
import { reportJobError } from '#observability/error_reporting'
import { noteConnectionLost, noteConnectionReady } from '#services/redis_availability'
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  jobStates,
  type DispatchOptions,
  type JobQueue,
  type JobState,
  type JobSummary,
  type RetryJobResult,
} from '#jobs/queue'

/**
 * A running job's lock lasts 15 s and its worker renews it every 7.5 s
 * (BullMQ renews at half the lock); every worker looks for stalled jobs
 * every 5 s. So a job whose worker died (kill -9) runs again 15 to 20 s
 * later, where BullMQ's defaults (30 s and 30 s) took up to a minute. The
 * price: a worker whose event loop is blocked for over 15 s loses its lock
 * and the job may run twice (jobs here are written to be run at least once:
 * deliveries and sends are keyed), and each worker calls Redis a little
 * more often. JOBS_LEASE_MS can only shorten the lock.
 */
export const BULL_LOCK_MS = 15_000
export const BULL_STALLED_CHECK_MS = 5_000

/** A worker error that only says Redis is out of reach (BullMQ reconnects by itself). */
const LOST_CONNECTION = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|Connection is closed/

/** BullMQ's lists behind each shared state. */
const BULL_TYPES: Record<JobState, JobType[]> = {
  pending: ['waiting', 'delayed', 'prioritized', 'paused', 'waiting-children'],
  running: ['active'],
  failed: ['failed'],
}

export interface BullMqQueueOptions {
  /** returns the named queue, built by @rlanz/bull-queue's manager */
  queue: (name: string) => Queue
  connection: ConnectionOptions
  prefix?: string
  concurrency?: number
  /** how long dispatch waits for Redis before giving up */
  dispatchTimeoutMs?: number
  /**
   * How long a worker's lock on a running job lasts (renewed while it runs),
   * at most 15 s. A worker that dies stops renewing; after this long another
   * worker's stalled-job check (every 5 s) puts the job back in the queue.
   */
  leaseMs?: number
  /** the queue admin lists (default "default") */
  adminQueue?: string
}

/**
 * Jobs on Redis through BullMQ, worked by `node ace jobs:work` processes.
 * Jobs are added under their stable name, and the worker looks the name
 * up in the registry, so where the code lives on disk does not matter.
 */
export class BullMqQueue implements JobQueue {
  readonly driver = 'bullmq' as const
  #workers = new Map<string, Worker>()

  constructor(
    protected registry: JobRegistry,
    protected logger: LoggerService,
    protected options: BullMqQueueOptions
  ) {}

  async dispatch(name: string, payload: unknown, options: DispatchOptions = {}) {
    const job = this.registry.get(name)
    const queue = this.options.queue(options.queue ?? 'default')
    // BullMQ adds to Redis without ever failing while Redis is down; a
    // caller that must know (the outbox relay) gets a clear error instead.
    await withTimeout(
      queue.add(name, payload, {
        jobId: options.dedupeKey?.replace(/:/g, '-'),
        delay: options.delayMs,
        attempts: options.attempts ?? job.attempts ?? DEFAULT_ATTEMPTS,
        backoff: { type: 'exponential', delay: options.backoffMs ?? job.backoffMs ?? DEFAULT_BACKOFF_MS },
        removeOnComplete: { count: 1000, age: 24 * 3600 },
        removeOnFail: { count: 5000 },
      }),
      this.options.dispatchTimeoutMs ?? 5000,
      `Redis did not accept job "${name}" in time: is REDIS_URL reachable?`
    )
  }

  async start(queueNames: string[] = ['default']) {
    for (const queueName of queueNames) {
      if (this.#workers.has(queueName)) continue
      const worker = new Worker(
        queueName,
        async (job) => {
          const definition = this.registry.get(job.name)
          const attempt = job.attemptsMade + 1
          await observeJob(job.name, { attempt, dueAt: job.timestamp + (job.opts.delay ?? 0) }, () =>
            definition.handle(job.data, { attempt, jobId: String(job.id) })
          )
        },
        {
          connection: this.options.connection,
          prefix: this.options.prefix,
          concurrency: this.options.concurrency ?? 5,
          // A live worker renews its lock, so the lock can be short whatever
          // the job's length (see BULL_LOCK_MS for the trade-off).
          lockDuration: Math.min(this.options.leaseMs ?? BULL_LOCK_MS, BULL_LOCK_MS),
          stalledInterval: Math.min(this.options.leaseMs ?? BULL_STALLED_CHECK_MS, BULL_STALLED_CHECK_MS),
        }
      )
      worker.on('failed', async (job, error) => {
        if (!job) return
        const final = job.attemptsMade >= (job.opts.attempts ?? 1)
        this.logger[final ? 'error' : 'warn'](
          { err: error, job: job.name, jobId: job.id, attempt: job.attemptsMade },
          final ? 'job failed for good' : 'job failed, will retry'
        )
        if (final) reportJobError(error, { name: job.name, id: job.id, attempt: job.attemptsMade })
        if (final && this.registry.has(job.name)) {
          await Promise.resolve(this.registry.get(job.name).failed?.(job.data, error)).catch((hookError) =>
            this.logger.error({ err: hookError, job: job.name }, 'job failed() hook threw')
          )
        }
      })
      // Losing Redis is said once per outage (#services/redis_availability), not at each reconnect attempt.
      const connectionName = `job worker ${queueName}`
      worker.on('error', (error) => {
        if (LOST_CONNECTION.test(error.message) || LOST_CONNECTION.test((error as NodeJS.ErrnoException).code ?? '')) {
          noteConnectionLost(connectionName, error)
        } else {
          this.logger.error({ err: error }, 'job worker error')
        }
      })
      void worker.client.then((client) => client.on('ready', () => noteConnectionReady(connectionName)), () => {})
      this.#workers.set(queueName, worker)
    }
  }

  async stop() {
    await Promise.all([...this.#workers.values()].map((worker) => worker.close()))
    this.#workers.clear()
  }

  async drain(timeoutMs = 10_000, queueName = 'default') {
    await this.start([queueName])
    const queue = this.options.queue(queueName)
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'paused')
      if (Object.values(counts).every((count) => count === 0)) {
        // the failed() hook runs on an event after the job leaves "active"
        await new Promise((resolve) => setTimeout(resolve, 20))
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`Jobs still pending after ${timeoutMs} ms`)
  }

  async listJobs(state: JobState, page: { offset: number; limit: number }) {
    const queue = this.#adminQueue()
    const types = BULL_TYPES[state]
    const [counts, jobs] = await Promise.all([
      queue.getJobCounts(...types),
      queue.getJobs(types, page.offset, page.offset + page.limit - 1, state === 'pending'),
    ])
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0)
    return { total, jobs: jobs.filter(Boolean).map((job) => summarize(job as Job, state, queue.name)) }
  }

  async countJobs() {
    const queue = this.#adminQueue()
    const entries = await Promise.all(
      jobStates.map(async (state) => {
        const counts = await queue.getJobCounts(...BULL_TYPES[state])
        return [state, Object.values(counts).reduce((sum, count) => sum + count, 0)] as const
      })
    )
    return Object.fromEntries(entries) as Record<JobState, number>
  }

  /** Job#retry moves a failed job back to waiting; BullMQ refuses (throws) unless it is failed. */
  async retry(id: string): Promise<RetryJobResult> {
    const queue = this.#adminQueue()
    const job = await queue.getJob(id)
    if (!job) return 'missing'
    if (!(await job.isFailed())) return 'not_failed'
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
      return 'retried'
    } catch (error) {
      // someone else retried it between our check and our move
      if (!(await job.isFailed())) return 'not_failed'
      throw error
    }
  }

  #adminQueue() {
    return this.options.queue(this.options.adminQueue ?? 'default')
  }
}

function summarize(job: Job, state: JobState, queueName: string): JobSummary {
  const stack = job.stacktrace?.length ? job.stacktrace[job.stacktrace.length - 1] : null
  return {
    id: String(job.id),
    queue: queueName,
    name: job.name,
    state,
    payload: job.data,
    attempts: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    // the message first (as the database queue stores it), then the stack's frames
    lastError: job.failedReason
      ? stack && stack.includes(job.failedReason)
        ? job.failedReason + stack.slice(stack.indexOf(job.failedReason) + job.failedReason.length)
        : job.failedReason
      : null,
    createdAt: new Date(job.timestamp),
    at:
      state === 'failed'
        ? job.finishedOn ? new Date(job.finishedOn) : null
        : state === 'pending' ? new Date(job.timestamp + (job.opts.delay ?? 0)) : null,
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}
