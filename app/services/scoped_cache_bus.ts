import { configProvider } from '@adonisjs/core'
import type { ApplicationService } from '@adonisjs/core/types'
import { REDIS_COMMAND_TIMEOUT_MS } from '#config/redis'
import { busConnection, redisAvailable } from '#services/redis_availability'

type BusTransport = {
  setId(id: string): BusTransport
  onReconnect(callback: () => void): void
  publish(channel: string, message: unknown): Promise<void>
  subscribe(channel: string, handler: (payload: any) => void | Promise<void>): Promise<void>
  unsubscribe(channel: string): Promise<void>
  disconnect(): Promise<void>
}

/**
 * Redis pub/sub channels belong to the whole Redis server, not to one of its
 * numbered databases, so two stores sharing a server (or a store and its test
 * suite) would drop each other's in-memory pages through bentocache's one
 * fixed channel. The cache keys are already scoped by database and prefix;
 * this scopes the bus channel the same way.
 */
export function scopedChannels(transport: BusTransport, scope: string): BusTransport {
  const scoped = (channel: string) => `${scope}:${channel}`
  const wrapper: BusTransport = {
    setId(id) {
      transport.setId(id)
      return wrapper
    },
    onReconnect: (callback) => transport.onReconnect(callback),
    // While Redis is away a publish fails at once: the bus keeps the message in its retry
    // queue and sends it on reconnect, instead of the invalidating request waiting for Redis.
    publish: (channel, message) => {
      if (!redisAvailable()) return Promise.reject(new Error('Redis is away: the bus retries on reconnect'))
      return withTimeout(transport.publish(scoped(channel), message), REDIS_COMMAND_TIMEOUT_MS)
    },
    // A subscription waits for Redis (bentocache does not catch its failure)
    subscribe: (channel, handler) => transport.subscribe(scoped(channel), handler),
    unsubscribe: (channel) => transport.unsubscribe(scoped(channel)),
    disconnect: () => transport.disconnect(),
  }
  return wrapper
}

function withTimeout<T>(promise: Promise<T>, ms: number) {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)))
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

/** The channel scope for a Redis connection: its database number and key prefix. */
export function busScope(options: { db?: number; keyPrefix?: string }) {
  return `stockroom:db${options.db ?? 0}${options.keyPrefix ? `:${options.keyPrefix}` : ''}`
}

/**
 * `drivers.redisBus` with its channel scoped to the connection's database.
 * The bus gets its own copy of the connection's options, made to wait for
 * Redis: the main connection fails fast once connected
 * (#services/redis_availability), but a subscription made while Redis is
 * away (a cache namespace first used during an outage) must wait for it,
 * not throw. Its two connections are watched (#services/redis_availability
 * `busConnection`), so an outage is logged once rather than by ioredis on
 * every retry.
 */
export function scopedRedisBus(config: { connectionName: string }) {
  return configProvider.create(async (app: ApplicationService) => {
    const redis = await app.container.make('redis')
    const options = (redis.connection(config.connectionName as any) as any).ioConnection.options
    const { redisBusDriver } = await import('bentocache/drivers/redis')
    const driver = redisBusDriver({
      connection: busConnection('cache bus', { ...options, enableOfflineQueue: true, commandTimeout: undefined, maxRetriesPerRequest: null }),
    })
    return {
      ...driver,
      factory: (...args: any[]) => scopedChannels((driver.factory as any)(...args), busScope(options)),
    }
  })
}
