import { defineConfig, stores } from '@adonisjs/limiter'
import runtime from '#config/runtime'

/**
 * Memory in embedded mode (one process), Redis in production so every web
 * process counts against the same budget.
 */
const limiterConfig = defineConfig({
  default: runtime.redis ? 'redis' : 'memory',
  stores: {
    memory: stores.memory({}),
    redis: stores.redis({ connectionName: 'main' } as any),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
