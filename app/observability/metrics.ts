import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import app from '@adonisjs/core/services/app'
import { fromDbTimestamp } from '#services/db_time'

/**
 * Prometheus metrics of this process, served at /metrics (and by a worker
 * on METRICS_PORT). Names start with `stockroom_`; Node's runtime metrics
 * keep prom-client's standard names so stock dashboards read them.
 * docs/operations.md lists every metric; deploy/grafana/stockroom.json
 * charts them.
 *
 * Labels stay bounded: a route's pattern (never its URL), a method, a
 * status class, a job's registered name.
 */
export const registry = new Registry()
collectDefaultMetrics({ register: registry })

export const httpDuration = new Histogram({
  name: 'stockroom_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern, method and status class (2xx, 3xx, 4xx, 5xx)',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
})

export const sqlPerRequest = new Histogram({
  name: 'stockroom_http_request_sql_queries',
  help: 'SQL queries one HTTP request ran, by route pattern',
  labelNames: ['route'] as const,
  buckets: [0, 1, 2, 5, 10, 20, 50, 100],
  registers: [registry],
})

const pageCache = new Counter({
  name: 'stockroom_page_cache_requests_total',
  help: 'Catalog page lookups in the page cache, by result (hit: answered from the cache; miss: rendered)',
  labelNames: ['result'] as const,
  registers: [registry],
})

/** Counts one page-cache lookup (#middleware/page_cache_hit_middleware, #middleware/page_cache_middleware). */
export function countPageCache(result: 'hit' | 'miss') {
  pageCache.inc({ result })
}

const jobDuration = new Histogram({
  name: 'stockroom_job_duration_seconds',
  help: 'Time a job attempt ran, by job name and outcome (completed, failed)',
  labelNames: ['job', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [registry],
})

const jobWait = new Histogram({
  name: 'stockroom_job_wait_seconds',
  help: 'Time from when a job was due to when its first attempt started, by job name',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
  registers: [registry],
})

/**
 * Runs one job attempt and records how long it waited (first attempt only:
 * a retry waits on purpose) and how long it ran. Both queue drivers call it.
 */
export async function observeJob<T>(job: string, timing: { attempt: number; dueAt: number }, run: () => T | Promise<T>) {
  const started = Date.now()
  if (timing.attempt === 1) jobWait.observe({ job }, Math.max(0, started - timing.dueAt) / 1000)
  const stop = jobDuration.startTimer({ job })
  try {
    const result = await run()
    stop({ outcome: 'completed' })
    return result
  } catch (error) {
    stop({ outcome: 'failed' })
    throw error
  }
}

/**
 * What the scrape asks services for is bounded: a Redis or a database that
 * hangs must not hang the scrape. A gauge whose source did not answer is
 * left out of that scrape rather than reporting an old value.
 */
const COLLECT_TIMEOUT_MS = 500

function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('metrics source did not answer in time')), COLLECT_TIMEOUT_MS)
    }),
  ]).finally(() => clearTimeout(timer))
}

new Gauge({
  name: 'stockroom_jobs',
  help: 'Jobs in the queue by state (pending, running, failed); the same figure from every process',
  labelNames: ['state'] as const,
  registers: [registry],
  async collect() {
    this.reset()
    try {
      const queue = await app.container.make('stockroom.queue')
      const counts = await bounded(queue.countJobs())
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count)
    } catch {}
  },
})

/** Delivery statuses still owed to a listener (#plugin_host/outbox). */
const OWED_DELIVERY_STATUSES = ['pending', 'retrying', 'running']

new Gauge({
  name: 'stockroom_outbox_oldest_pending_seconds',
  help: 'Age of the oldest domain event not yet relayed (stage="relay") and of the oldest delivery not yet done (stage="delivery"); 0 when none',
  labelNames: ['stage'] as const,
  registers: [registry],
  async collect() {
    this.reset()
    try {
      const db = await app.container.make('lucid.db')
      const [event, delivery] = await bounded(
        Promise.all([
          db.from('outbox_events').whereNull('relayed_at').min('occurred_at as oldest').first(),
          db.from('outbox_deliveries').whereIn('status', OWED_DELIVERY_STATUSES).min('created_at as oldest').first(),
        ])
      )
      const age = (value: unknown) => {
        const at = fromDbTimestamp(value)
        return at ? Math.max(0, (Date.now() - at.getTime()) / 1000) : 0
      }
      this.set({ stage: 'relay' }, age(event?.oldest))
      this.set({ stage: 'delivery' }, age(delivery?.oldest))
    } catch {}
  },
})

new Gauge({
  name: 'stockroom_live_streams',
  help: 'Live-update (Server-Sent Events) streams this process holds open',
  registers: [registry],
  async collect() {
    // only web processes serve streams; a worker only publishes
    if (!app.container.hasBinding('transmit') || app.getEnvironment() === 'console') return this.set(0)
    const transmit = await app.container.make('transmit')
    this.set(transmit.getManager().getAllSubscribers().size)
  },
})
