import type { JobQueue } from '#jobs/queue'
import { EXPIRE_UNPAID_ORDERS_JOB } from '#jobs/expire_unpaid_orders_job'

export interface PeriodicJob {
  /** a job defined in the registry */
  name: string
  everyMs: number
  payload?: unknown
}

/** Core's recurring jobs. */
export const PERIODIC_JOBS: PeriodicJob[] = [{ name: EXPIRE_UNPAID_ORDERS_JOB, everyMs: 60_000 }]

/**
 * Queues each periodic job once per interval from whichever processes
 * work jobs (the web process in embedded mode, `node ace jobs:work` in
 * production). Every process may run a schedule: the dedupe key names the
 * time slot, so the queue keeps one job per slot however many processes
 * dispatch it, and the jobs themselves are safe to run concurrently.
 */
export class PeriodicJobs {
  #timers: NodeJS.Timeout[] = []

  constructor(
    protected queue: JobQueue,
    protected jobs: PeriodicJob[] = PERIODIC_JOBS,
    protected onError: (error: unknown, job: PeriodicJob) => void = () => {}
  ) {}

  start() {
    this.stop()
    for (const job of this.jobs) {
      this.#enqueue(job)
      const timer = setInterval(() => this.#enqueue(job), job.everyMs)
      timer.unref?.()
      this.#timers.push(timer)
    }
  }

  stop() {
    for (const timer of this.#timers) clearInterval(timer)
    this.#timers = []
  }

  #enqueue(job: PeriodicJob) {
    const slot = Math.floor(Date.now() / job.everyMs)
    this.queue
      .dispatch(job.name, job.payload ?? {}, { dedupeKey: `${job.name}.${slot}` })
      .catch((error) => this.onError(error, job))
  }
}
