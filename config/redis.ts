import { defineConfig } from '@adonisjs/redis'
import type { InferConnections } from '@adonisjs/redis/types'
import runtime from '#config/runtime'

/**
 * Connections are opened lazily by @adonisjs/redis, and nothing in embedded
 * mode asks for one, so this config is harmless without REDIS_URL.
 */
export function redisOptions(redisUrl = runtime.redisUrl ?? 'redis://127.0.0.1:6379/0') {
  const url = new URL(redisUrl)
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number(url.pathname.replace('/', '') || 0),
    tls: url.protocol === 'rediss:' ? {} : undefined,
    keyPrefix: '',
    maxRetriesPerRequest: null,
    retryStrategy(times: number) {
      return Math.min(times * 100, 2000)
    },
  }
}

/**
 * The main connection serves requests (sessions, rate limits, the cache's
 * L2, the readiness check): a command that gets no answer within 3 s
 * fails, so a Redis that stops answering costs a request 3 s at most, then
 * #services/redis_availability skips it for a while (a refused or dropped
 * connection is known at once, and the readiness probe has its own 800 ms
 * bound). Not less: a busy process answering 200 checkouts at once saw its
 * own commands pass 500 ms, and the pause that followed moved live sessions
 * to cookies mid-checkout. BullMQ and the live-update bus use redisOptions()
 * as it is: they wait for Redis.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 3000

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: { ...redisOptions(), commandTimeout: REDIS_COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1 },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
