import { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import env from '#start/env'

/**
 * Counts the SQL queries each HTTP request runs: tests assert that a warm
 * catalog page costs none and a cold one a bounded few (no N+1), and the
 * /metrics histogram of queries per request reads the same count.
 *
 * The count comes from knex's own `query` event, which every connection
 * emits whatever its `debug` setting, so it costs a map update per query
 * and runs in production too. Only the `X-Query-Count` header is limited:
 * on outside production, and in production with QUERY_COUNT_HEADER=true.
 */
export const queryCountingEnabled = env.get('NODE_ENV') !== 'production' || env.get('QUERY_COUNT_HEADER') === true

/** Per-request counts; the request's HttpContext comes from AsyncLocalStorage (config/app.ts). */
const counts = new WeakMap<HttpContext, number>()
const watched = new WeakSet<object>()
let listening = false

function countQuery() {
  const ctx = HttpContext.get()
  if (ctx) counts.set(ctx, (counts.get(ctx) ?? 0) + 1)
}

/** Knex instances of a Lucid connection: the write one and the read one (the same without replicas). */
function watch(connection: { client?: any; readClient?: any }) {
  for (const client of [connection.client, connection.readClient]) {
    if (!client || watched.has(client)) continue
    watched.add(client)
    // transactions' queries reach their connection's knex instance too
    client.on('query', countQuery)
  }
}

/** Counts the queries of every Lucid connection, open now or later; harmless to call again. */
export async function startCountingQueries() {
  if (listening) return
  listening = true
  emitter.on('db:connection:connect', (connection) => watch(connection))
  const db = await app.container.make('lucid.db')
  for (const { connection } of db.manager.connections.values()) if (connection) watch(connection)
}

/** Queries the request has run so far. */
export function queryCount(ctx: HttpContext) {
  return counts.get(ctx) ?? 0
}
