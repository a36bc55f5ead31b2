import { defineConfig, store, drivers } from '@adonisjs/cache'
import runtime from '#config/runtime'

/**
 * The cache manager builds every listed store at boot, so the Redis store
 * is only listed when REDIS_URL is set: embedded mode never dials Redis.
 * In production, memory is the L1 in each process, Redis the shared L2, and
 * the Redis bus tells the other processes' L1 to drop invalidated keys.
 */
const cacheConfig = defineConfig({
  default: 'default',
  stores: {
    default: runtime.redis
      ? store()
          .useL1Layer(drivers.memory({ maxSize: '64mb' }))
          .useL2Layer(drivers.redis({ connectionName: 'main' as any }))
          .useBus(drivers.redisBus({ connectionName: 'main' as any }))
      : store().useL1Layer(drivers.memory({ maxSize: '64mb' })),
  },
})

export default cacheConfig

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
