import { defineConfig, stores } from '@adonisjs/limiter'
import app from '@adonisjs/core/services/app'
import runtime from '#config/runtime'
import env from '#start/env'
import { resilientRedisLimiterStore } from '#services/resilient_limiter_store'

/**
 * RATE_LIMITS=off lifts every rate limit and login lockout, for tools that
 * must send thousands of requests to a local store (sqlmap, see
 * docs/security.md). Ignored in production.
 */
export const rateLimitsOff = !app.inProduction && env.get('RATE_LIMITS') === 'off'

/**
 * Memory in embedded mode (one process), Redis in production so every web
 * process counts against the same budget (per process while Redis is away).
 */
const limiterConfig = defineConfig({
  default: runtime.redis ? 'redis' : 'memory',
  stores: {
    memory: stores.memory({}),
    // Redis, counting in memory while Redis is away (see the store)
    redis: resilientRedisLimiterStore({ connectionName: 'main' }),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
