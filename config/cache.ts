import { defineConfig, store, drivers } from '@adonisjs/cache'
import runtime from '#config/runtime'
import { scopedRedisBus } from '#services/scoped_cache_bus'

/**
 * The cache manager builds every listed store at boot, so the Redis store
 * is only listed when REDIS_URL is set: embedded mode never dials Redis.
 * In production, memory is the L1 in each process, Redis the shared L2, and
 * the Redis bus tells the other processes' L1 to drop invalidated keys (on a
 * channel scoped to this store's Redis database: see scoped_cache_bus.ts).
 */
const cacheConfig = defineConfig({
  default: 'default',
  stores: {
    default: runtime.redis
      ? store()
          .useL1Layer(drivers.memory({ maxSize: '64mb' }))
          .useL2Layer(drivers.redis({ connectionName: 'main' as any }))
          .useBus(scopedRedisBus({ connectionName: 'main' }))
      : store().useL1Layer(drivers.memory({ maxSize: '64mb' })),
  },
})

export default cacheConfig

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
