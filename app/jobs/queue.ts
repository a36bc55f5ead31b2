/**
 * What core needs from a job queue. Two drivers implement it: the durable
 * `jobs` table (embedded mode) and BullMQ on Redis (production).
 */
export interface DispatchOptions {
  /** a second dispatch with the same key is ignored while the first exists */
  dedupeKey?: string
  delayMs?: number
  attempts?: number
  backoffMs?: number
  queue?: string
}

/** Where a job stands, in words both drivers share. */
export type JobState = 'pending' | 'running' | 'failed'
export const jobStates: JobState[] = ['failed', 'pending', 'running']

/** One queued job as admin shows it, whichever driver holds it. */
export interface JobSummary {
  /** the driver's id: a row id (database) or a BullMQ job id */
  id: string
  queue: string
  name: string
  state: JobState
  payload: unknown
  /** attempts made so far, and allowed in all */
  attempts: number
  maxAttempts: number
  /** the last failure's message (first line first), null when none */
  lastError: string | null
  createdAt: Date
  /** when it failed for good (failed), or when it runs next (pending) */
  at: Date | null
}

export type RetryJobResult = 'retried' | 'not_failed' | 'missing'

export interface JobQueue {
  readonly driver: 'database' | 'bullmq'
  dispatch(name: string, payload: unknown, options?: DispatchOptions): Promise<void>
  /** starts working jobs in this process until `stop` */
  start(): Promise<void>
  stop(): Promise<void>
  /**
   * Works every job that is due, including retries scheduled meanwhile,
   * until none is left or `timeoutMs` passes. Tests and the CLI use it.
   */
  drain(timeoutMs?: number): Promise<void>
  /** Jobs in `state`, newest first, a page at a time, with how many there are in all. */
  listJobs(state: JobState, page: { offset: number; limit: number }): Promise<{ total: number; jobs: JobSummary[] }>
  /** How many jobs are in each state. */
  countJobs(): Promise<Record<JobState, number>>
  /**
   * Queues a failed job again with its attempts reset. Only a failed job
   * qualifies, decided atomically, so two staff clicking at once queue it once.
   */
  retry(id: string): Promise<RetryJobResult>
}

export const DEFAULT_ATTEMPTS = 5
export const DEFAULT_BACKOFF_MS = 1000

/** Exponential backoff: backoff, 2×, 4×… capped at an hour. */
export function retryDelay(backoffMs: number, attemptsMade: number) {
  return Math.min(backoffMs * 2 ** Math.max(0, attemptsMade - 1), 3_600_000)
}
