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
}

export const DEFAULT_ATTEMPTS = 5
export const DEFAULT_BACKOFF_MS = 1000

/** Exponential backoff: backoff, 2×, 4×… capped at an hour. */
export function retryDelay(backoffMs: number, attemptsMade: number) {
  return Math.min(backoffMs * 2 ** Math.max(0, attemptsMade - 1), 3_600_000)
}
