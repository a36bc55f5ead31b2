import { configProvider } from '@adonisjs/core'
import { drivers } from '@adonisjs/cache'
import type { ApplicationService } from '@adonisjs/core/types'

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
    publish: (channel, message) => transport.publish(scoped(channel), message),
    subscribe: (channel, handler) => transport.subscribe(scoped(channel), handler),
    unsubscribe: (channel) => transport.unsubscribe(scoped(channel)),
    disconnect: () => transport.disconnect(),
  }
  return wrapper
}

/** The channel scope for a Redis connection: its database number and key prefix. */
export function busScope(options: { db?: number; keyPrefix?: string }) {
  return `stockroom:db${options.db ?? 0}${options.keyPrefix ? `:${options.keyPrefix}` : ''}`
}

/** `drivers.redisBus` with its channel scoped to the connection's database. */
export function scopedRedisBus(config: { connectionName: string }) {
  const base = drivers.redisBus({ connectionName: config.connectionName as any })
  return configProvider.create(async (app: ApplicationService) => {
    const redis = await app.container.make('redis')
    const options = (redis.connection(config.connectionName as any) as any).ioConnection.options
    const driver = await base.resolver(app)
    return {
      ...driver,
      factory: (...args: any[]) => scopedChannels((driver.factory as any)(...args), busScope(options)),
    }
  })
}
