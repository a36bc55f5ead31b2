import app from '@adonisjs/core/services/app'
import { Redis, type RedisOptions } from 'ioredis'
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

/*
| Connection errors. ioredis prints "[ioredis] Unhandled error event" on
| every reconnect attempt of a connection nobody listens to, and
| @adonisjs/redis logs each one at fatal: a minute of outage filled the log.
| Every connection the process opens (the main one, the cache bus's and the
| live-update bus's pairs, BullMQ's workers; BullMQ's queues listen to their
| own) is watched here instead, and the process says it once: a warning when
| the first connection loses Redis, an info line when the last one is back.
*/

type Listener = (...args: any[]) => void
type Watchable = { on(event: string, listener: Listener): unknown }

/** Connections that lost Redis and have not been ready since. */
const lost = new Set<string>()
let nextConnectionId = 1

function log(level: 'warn' | 'info', data: object, message: string) {
  void app.container.make('logger').then((logger) => logger[level](data, message), () => {})
}

/** A connection reported an error: the first since Redis was last reachable is logged. */
export function noteConnectionLost(name: string, error: unknown) {
  if (lost.has(name)) return
  lost.add(name)
  if (lost.size > 1) return
  const reason = error instanceof Error ? error.message : String(error)
  log('warn', { connection: name, reason }, `Redis is unreachable (${reason}): reconnecting; web requests go without it meanwhile`)
}

/** A connection is ready: once every connection that lost Redis has come back, that is logged. */
export function noteConnectionReady(name: string) {
  if (!lost.delete(name) || lost.size > 0) return
  log('info', { connection: name }, 'Redis is back')
}

/** A connection closed for good (quit, shutdown): nothing to wait for any more. */
function forget(name: string) {
  if (lost.delete(name) && lost.size === 0) log('info', { connection: name }, 'Redis is back')
}

/** Listens to an ioredis connection (or anything emitting its error / ready / end events). */
export function watchConnection(label: string, connection: Watchable) {
  const name = `${label}#${nextConnectionId++}`
  connection.on('error', (error: unknown) => noteConnectionLost(name, error))
  connection.on('ready', () => noteConnectionReady(name))
  connection.on('end', () => forget(name))
  return connection
}

/**
 * @adonisjs/redis's connections, current and future: its own error log
 * (a fatal line per retry) gives way to the watcher. Its connections
 * re-emit ioredis' events as `{ error, connection }` objects.
 */
export function watchRedisManager(manager: {
  doNotLogErrors(): unknown
  on(event: 'connection', listener: (connection: Watchable & { connectionName: string }) => void): unknown
  activeConnections: Record<string, (Watchable & { connectionName: string }) | undefined>
}) {
  const watch = (connection: Watchable & { connectionName: string }) => {
    const id = nextConnectionId++
    // the connection and, once something subscribes, its subscriber connection
    for (const [prefix, name] of [['', `redis ${connection.connectionName}#${id}`], ['subscriber:', `redis ${connection.connectionName} subscriber#${id}`]]) {
      connection.on(`${prefix}error`, ({ error }: { error: unknown }) => noteConnectionLost(name, error))
      connection.on(`${prefix}ready`, () => noteConnectionReady(name))
      connection.on(`${prefix}end`, () => forget(name))
    }
  }
  manager.doNotLogErrors()
  for (const connection of Object.values(manager.activeConnections)) if (connection) watch(connection)
  manager.on('connection', watch)
}

/**
 * A connection for a bus transport (@boringnode/bus), which opens its
 * publisher and subscriber with `duplicate()` of the connection it is
 * given: this one never connects itself, and each duplicate is watched.
 */
export function busConnection(label: string, options: RedisOptions) {
  const template = new Redis({ ...options, lazyConnect: true })
  template.duplicate = (override?: Partial<RedisOptions>) => watchConnection(label, new Redis({ ...options, ...override })) as Redis
  return template
}

/** Ends a pause at once; for tests that cause one on purpose. */
export function clearRedisPause() {
  pausedUntil = 0
}
