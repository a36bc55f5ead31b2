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
      ? // While Redis is away, reads miss L2 at once (the connection fails fast, see
        // #services/redis_availability) and go to the database; after an L2 error
        // the breaker skips L2 for 5 s, so a Redis that stopped answering costs
        // one command timeout per 5 s, not one per read.
        store({ suppressL2Errors: true, l2CircuitBreakerDuration: '5s' })
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
