import { defineConfig } from '@adonisjs/transmit'
import { RedisTransport } from '@boringnode/bus/transports/redis'
import runtime from '#config/runtime'
import { redisOptions } from '#config/redis'
import { busConnection } from '#services/redis_availability'
import env from '#start/env'

/**
 * Server-Sent Events (docs/live-updates.md). Without REDIS_URL a broadcast
 * reaches the streams of this process only, which is all there is in
 * embedded mode. With it, every broadcast and subscription also goes
 * through Redis pub/sub, so a worker that relays an order event reaches
 * shoppers whose stream is held by any web process.
 *
 * Redis pub/sub channels belong to the whole server, not to one numbered
 * database: the channel is scoped by database so two stores (or a store
 * and its test suite) sharing a server never hear each other.
 *
 * The transport is the bus's own Redis one, given a watched connection
 * (#services/redis_availability `busConnection`): transmit's `redis()`
 * opens connections nobody listens to, and ioredis then prints an
 * "Unhandled error event" on every retry while Redis is away.
 */
function transport() {
  if (!runtime.redis) return null
  const options = redisOptions()
  const connection = busConnection('live updates bus', options)
  return { driver: () => new RedisTransport(connection), channel: `stockroom:db${options.db}:transmit` }
}

export default defineConfig({
  // a comment line every 25 s keeps proxies and load balancers from closing an idle stream
  pingInterval: '25s',
  transport: transport(),
})

/**
 * Streams one web process holds open at once per session and per client IP
 * (#middleware/live_stream_limit_middleware); one more is a 429. A plain
 * object, read on every stream request.
 */
export const liveStreamLimits = {
  perSession: env.get('LIVE_STREAMS_PER_SESSION') ?? 10,
  perIp: env.get('LIVE_STREAMS_PER_IP') ?? 200,
}
