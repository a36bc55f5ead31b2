import { HttpContext } from '@adonisjs/core/http'
import emitter from '@adonisjs/core/services/emitter'
import env from '#start/env'

/**
 * Counts the SQL queries each HTTP request runs, so tests can assert that a
 * warm catalog page costs none and a cold one a bounded few (no N+1).
 *
 * Lucid only emits `db:query` for connections with `debug: true`, and timing
 * every query has a cost, so counting is on outside production and in
 * production only when QUERY_COUNT_HEADER=true (config/database.ts reads
 * this flag for the connections' `debug`).
 */
export const queryCountingEnabled = env.get('NODE_ENV') !== 'production' || env.get('QUERY_COUNT_HEADER') === true

/** Per-request counts; the request's HttpContext comes from AsyncLocalStorage (config/app.ts). */
const counts = new WeakMap<HttpContext, number>()
let listening = false

/** Subscribes to Lucid's query events once; harmless to call again. */
export function startCountingQueries() {
  if (listening || !queryCountingEnabled) return
  listening = true
  emitter.on('db:query', () => {
    const ctx = HttpContext.get()
    if (ctx) counts.set(ctx, (counts.get(ctx) ?? 0) + 1)
  })
}

/** Queries the request has run so far (0 when counting is off). */
export function queryCount(ctx: HttpContext) {
  return counts.get(ctx) ?? 0
}
