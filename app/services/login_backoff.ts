import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors, LimiterResponse } from '@adonisjs/limiter'
import { errors as authErrors } from '@adonisjs/auth'
import { rateLimitsOff } from '#config/limiter'

/**
 * Progressive lockout after failed sign-ins, counted per account and per IP.
 *
 * The route throttles (start/limiter.ts) cap how fast one address may try;
 * this makes persistence expensive: once a key has failed `freeFailures`
 * times, every further failure locks it for twice as long as the previous
 * one (30 s, 1 min, 2 min … capped), so a slow, patient guesser gains
 * nothing. A success clears the counters. Counters live in the limiter's
 * store (memory in embedded mode, Redis in production, shared by every web
 * process) and forget a key after a day without failures.
 */
export interface BackoffPolicy {
  freeFailures: number
  baseLockSeconds: number
  maxLockSeconds: number
}

export const ACCOUNT_BACKOFF: BackoffPolicy = { freeFailures: 5, baseLockSeconds: 30, maxLockSeconds: 60 * 60 }
// Many honest shoppers can share one address (offices, carrier NAT): allow more before locking it.
export const IP_BACKOFF: BackoffPolicy = { freeFailures: 20, baseLockSeconds: 30, maxLockSeconds: 60 * 60 }

const COUNTER_WINDOW = '24 hours'
const COUNTER_CEILING = 100_000

export type LoginScope = 'staff' | 'customer'

/** Seconds a key is locked for after its `failures`-th failure (0: not locked). */
export function lockSecondsAfter(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.freeFailures) return 0
  const doublings = Math.min(failures - policy.freeFailures, 30)
  return Math.min(policy.baseLockSeconds * 2 ** doublings, policy.maxLockSeconds)
}

function counters() {
  return limiter.use({ requests: COUNTER_CEILING, duration: COUNTER_WINDOW })
}

function locks() {
  return limiter.use({ requests: 1, duration: '1 second' })
}

export class LoginBackoff {
  #keys: { name: string; policy: BackoffPolicy }[]

  constructor(scope: LoginScope, account: string, ip: string) {
    this.#keys = [
      { name: `login_backoff_${scope}_account_${account.trim().toLowerCase()}`, policy: ACCOUNT_BACKOFF },
      { name: `login_backoff_${scope}_ip_${ip}`, policy: IP_BACKOFF },
    ]
  }

  /** Throws E_TOO_MANY_REQUESTS (with Retry-After) while the account or the IP is locked. */
  async assertUnlocked() {
    let waitSeconds = 0
    for (const key of this.#keys) {
      const lock = await locks().get(`${key.name}_lock`)
      if (lock && lock.remaining <= 0) waitSeconds = Math.max(waitSeconds, lock.availableIn)
    }
    if (waitSeconds > 0) {
      throw new limiterErrors.E_TOO_MANY_REQUESTS(
        new LimiterResponse({ limit: 0, remaining: 0, consumed: 0, availableIn: waitSeconds })
      )
    }
  }

  /** Counts one failure on both keys and locks those past their free failures. */
  async recordFailure() {
    for (const key of this.#keys) {
      const { consumed } = await counters().increment(key.name)
      const seconds = lockSecondsAfter(consumed, key.policy)
      if (seconds > 0) await locks().block(`${key.name}_lock`, seconds)
    }
  }

  /** A correct password: the account and the address start afresh. */
  async recordSuccess() {
    for (const key of this.#keys) {
      await counters().delete(key.name)
      await locks().delete(`${key.name}_lock`)
    }
  }

  /**
   * Runs the password check under the lockout: refuses while locked (even a
   * correct password, or guessing could go on), counts wrong credentials
   * (not other errors, such as a database outage), clears the counters on success.
   */
  async guard<T>(check: () => Promise<T>): Promise<T> {
    if (rateLimitsOff) return check()
    await this.assertUnlocked()
    let result: T
    try {
      result = await check()
    } catch (error) {
      if (error instanceof authErrors.E_INVALID_CREDENTIALS) await this.recordFailure()
      throw error
    }
    await this.recordSuccess()
    return result
  }
}
