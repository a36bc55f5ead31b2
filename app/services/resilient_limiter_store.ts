import { configProvider } from '@adonisjs/core'
import { errors, stores } from '@adonisjs/limiter'
import type { LimiterStoreContract, LimiterConsumptionOptions } from '@adonisjs/limiter/types'
import { noteRedisFailure, redisAvailable, watchRedis } from '#services/redis_availability'

type StoreFactory = (options: LimiterConsumptionOptions) => LimiterStoreContract

/**
 * Rate limits in Redis that keep counting while Redis is away: each call
 * goes to this process's memory instead (the embedded mode's store), so a
 * sign-in or a search is neither refused nor left waiting. Limits are then
 * per process until Redis is back. A refusal (E_TOO_MANY_REQUESTS) is an
 * answer, not a failure, and is passed on as it is.
 */
export function resilientRedisLimiterStore(config: { connectionName: string }) {
  return configProvider.create(async (app) => {
    await watchRedis()
    const redis = (await stores.redis(config as any).resolver(app)) as StoreFactory
    const memory = stores.memory({}) as StoreFactory
    return (options: LimiterConsumptionOptions) => withFallback(redis(options), memory(options))
  })
}

function withFallback(primary: LimiterStoreContract, fallback: LimiterStoreContract): LimiterStoreContract {
  return new Proxy(primary, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      const backup = (args: unknown[]) => (fallback as any)[property](...args)
      return (...args: unknown[]) => {
        if (!redisAvailable()) return backup(args)
        const result = value.apply(target, args)
        if (!(result instanceof Promise)) return result
        return result.catch((error: unknown) => {
          if (error instanceof errors.E_TOO_MANY_REQUESTS) throw error
          noteRedisFailure()
          return backup(args)
        })
      }
    },
  })
}
