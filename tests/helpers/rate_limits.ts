import limiter from '@adonisjs/limiter/services/main'
import redis from '@adonisjs/redis/services/main'
import runtime from '#config/runtime'

/** rate-limiter-flexible's default key prefix, used by every limiter the app defines */
const LIMITER_KEYS = 'rlflx*'

/**
 * Forgets every rate-limit counter, so a test's sign-ins start from zero.
 * On Redis, `limiter.clear()` is FLUSHDB: it would also drop the suite's
 * sessions, cache entries and queued jobs, which share the database (agents
 * signed out mid-test, BullMQ "missing key" errors). This deletes the
 * limiter's keys only.
 */
export async function clearRateLimits() {
  if (!runtime.redis) return limiter.clear(['memory'])
  const connection = redis.connection('main')
  let cursor = '0'
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', LIMITER_KEYS, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await connection.del(...keys)
  } while (cursor !== '0')
}
