import { HealthChecks, MemoryHeapCheck } from '@adonisjs/core/health'
import { DbCheck } from '@adonisjs/lucid/database'
import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import { readReplicas } from '#services/read_replicas'
import { ReplicaLagCheck } from '#services/replica_lag_check'

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

if (readReplicas) {
  checks.append([new ReplicaLagCheck(readReplicas)])
}

export const healthChecks = checks

/**
 * How long the readiness checks may take. A check against a service that
 * hangs (Redis stopped mid-reply, a saturated database) must not hang the
 * probe: a load balancer needs its 503 within a second.
 */
export const READY_TIMEOUT_MS = 800

/** Runs every check, bounded by READY_TIMEOUT_MS; null when they did not all answer in time. */
export async function runReadiness() {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), READY_TIMEOUT_MS)))
  try {
    return await Promise.race([checks.run(), late])
  } finally {
    clearTimeout(timer)
  }
}
