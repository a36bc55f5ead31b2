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

/**
 * A command timeout is a timer, and timers run before the event loop reads its
 * sockets. When this process itself is starved (a burst of requests on a busy
 * machine) for longer than the timeout, the command times out although Redis
 * answered long ago and its reply waits unread. Such a failure says nothing
 * about Redis, so it must not pause Redis for every request of the process:
 * the pause would hand live shoppers empty sessions. A sampler notes when the
 * loop last ran this late.
 */
const STALL_SAMPLE_MS = 200
const STALL_THRESHOLD_MS = 1_000
/** A failure this soon after a stall is put down to the stall. */
const STALL_MEMORY_MS = 5_000

let pausedUntil = 0
let connection: { status: string } | null = null
let lastStallAt = Number.NEGATIVE_INFINITY
let stallSampler: NodeJS.Timeout | null = null

function sampleStalls() {
  if (stallSampler) return
  let expected = performance.now() + STALL_SAMPLE_MS
  stallSampler = setInterval(() => {
    const now = performance.now()
    if (now - expected > STALL_THRESHOLD_MS) lastStallAt = now
    expected = now + STALL_SAMPLE_MS
  }, STALL_SAMPLE_MS)
  stallSampler.unref()
}

/** Whether this process's event loop ran more than a second late in the last few seconds. */
export function processStalledRecently() {
  return performance.now() - lastStallAt < STALL_MEMORY_MS
}

/** Watches the main connection (once per process); afterwards a command fails at once while Redis is away. */
export async function watchRedis() {
  if (!runtime.redis || connection) return
  sampleStalls()
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

/**
 * Records that a Redis command failed: the next PAUSE_AFTER_FAILURE_MS skip
 * Redis, unless the socket is up and this process was just stalled (see
 * above), when the failure was this process's own slowness. Answers whether
 * Redis was paused, so a caller may try once more when it was not.
 */
export function noteRedisFailure() {
  if (connection?.status === 'ready' && processStalledRecently()) return false
  pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS
  return true
}

/** Ends a pause at once; for tests that cause one on purpose. */
export function clearRedisPause() {
  pausedUntil = 0
}
