import { HealthChecks, MemoryHeapCheck } from '@adonisjs/core/health'
import { DbCheck } from '@adonisjs/lucid/database'
import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'

const checks = new HealthChecks().register([
  new DbCheck(db.connection()),
  new MemoryHeapCheck().warnWhenExceeds('400 mb').failWhenExceeds('700 mb'),
])

if (runtime.redis) {
  const { RedisCheck } = await import('@adonisjs/redis')
  const redis = (await import('@adonisjs/redis/services/main')).default
  // append, not register: register() replaces the list (and would drop the database check)
  checks.append([new RedisCheck(redis.connection())])
}

export const healthChecks = checks
