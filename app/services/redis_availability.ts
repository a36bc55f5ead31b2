import app from '@adonisjs/core/services/app'
import runtime from '#config/runtime'

/**
 * Whether the main Redis connection can be used right now, for the parts
 * of a request that can do without it: sessions fall back to an encrypted
 * cookie, rate limits to this process's memory, the cache to its memory
 * layer and the database, and the back-office answers a 503 page
 * (docs/runtime-modes.md, "When Redis is away").
 *
 * Two signals: the connection's own state (a refused or dropped connection
 * is known at once), and a short pause after a command failed or timed out
 * (a Redis that accepts connections but does not answer, say a stopped
 * process, keeps the socket "ready").
 */

/** How long Redis counts as away after a failed command; then one request tries again. */
const PAUSE_AFTER_FAILURE_MS = 2_000

let pausedUntil = 0
let connection: { status: string } | null = null

/** Watches the main connection (once per process); afterwards a command fails at once while Redis is away. */
export async function watchRedis() {
  if (!runtime.redis || connection) return
  const redis = await app.container.make('redis')
  const io = (redis.connection('main') as any).ioConnection
  connection = io
  // The offline queue holds commands until Redis answers, forever: right
  // for the first connect at boot, which takes a few milliseconds; after
  // that, a command sent while Redis is away fails at once instead of
  // hanging the request that sent it. Reconnecting still goes on.
  const failFast = () => (io.options.enableOfflineQueue = false)
  if (io.status === 'ready') failFast()
  else io.once('ready', failFast)
}

export function redisAvailable() {
  if (!runtime.redis) return false
  return (connection === null || connection.status === 'ready') && Date.now() >= pausedUntil
}

/** Records that a Redis command failed: the next PAUSE_AFTER_FAILURE_MS skip Redis. */
export function noteRedisFailure() {
  pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS
}
