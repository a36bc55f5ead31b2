import { configProvider } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { SessionConfig, SessionData, SessionStoreContract } from '@adonisjs/session/types'
import { stores } from '@adonisjs/session'
import { noteRedisFailure, redisAvailable, watchRedis } from '#services/redis_availability'
import { ServiceUnavailable } from '#exceptions/service_unavailable'

/** What staff read while the back-office waits for Redis. */
export const BACK_OFFICE_UNAVAILABLE =
  'The back-office cannot reach its session store (Redis) just now. The shop keeps selling; sign-in will work again as soon as Redis is back.'

type StoreFactory = (ctx: HttpContext, config: SessionConfig) => SessionStoreContract

/**
 * Sessions in Redis that outlive a Redis outage. While Redis is away (see
 * #services/redis_availability) a session is kept in an encrypted cookie,
 * as the cookie driver does, under the same session id: a shopper's CSRF
 * token, sign-in and flash messages keep working and nothing waits on
 * Redis. When Redis is back, a session found only in its cookie is read
 * from there, written to Redis and the cookie cleared.
 *
 * The back-office (any /admin address) does not use the fallback: it
 * answers a 503 page while Redis is away, so a staff session always lives,
 * and can always be ended, in Redis.
 */
class ResilientSessionStore implements SessionStoreContract {
  #fromCookie = false

  constructor(
    private redis: SessionStoreContract,
    private cookie: SessionStoreContract,
    private backOffice: boolean
  ) {}

  async read(sessionId: string): Promise<SessionData | null> {
    const fallback = this.backOffice ? null : await this.cookie.read(sessionId)
    this.#fromCookie = Boolean(fallback)
    // A session in the cookie was written while Redis was away, so it is newer than
    // anything Redis holds for this id (a write that reaches Redis clears the cookie).
    // Reading Redis first would bring back an older session: a cart from before the
    // pause, a spent CSRF token. A busy process whose Redis commands time out takes
    // such a pause without any outage.
    if (fallback) return fallback
    if (!redisAvailable()) return this.#withoutRedis(null)
    try {
      return await this.#once(() => this.redis.read(sessionId))
    } catch {
      return this.#withoutRedis(null)
    }
  }

  /**
   * Runs a Redis command, and once more when its failure was put down to this
   * process's own stall rather than to Redis (see noteRedisFailure): an empty
   * session for a live shopper loses their checkout, so it is worth the wait.
   */
  async #once<T>(command: () => Promise<T> | T): Promise<T> {
    try {
      return await command()
    } catch (error) {
      if (noteRedisFailure()) throw error
      try {
        return await command()
      } catch (again) {
        noteRedisFailure()
        throw again
      }
    }
  }

  #withoutRedis(fallback: SessionData | null) {
    if (this.backOffice) throw new ServiceUnavailable(BACK_OFFICE_UNAVAILABLE)
    return fallback
  }

  async write(sessionId: string, values: SessionData) {
    if (redisAvailable()) {
      try {
        await this.#once(() => this.redis.write(sessionId, values))
        if (this.#fromCookie) await this.cookie.destroy(sessionId)
        return
      } catch {}
    }
    // a staff session is never kept in a cookie: its change is lost, the next request is a 503
    if (!this.backOffice) await this.cookie.write(sessionId, values)
  }

  async destroy(sessionId: string) {
    await this.cookie.destroy(sessionId)
    if (!redisAvailable()) return
    await Promise.resolve(this.redis.destroy(sessionId)).catch(noteRedisFailure)
  }

  async touch(sessionId: string) {
    if (this.#fromCookie || !redisAvailable()) return this.cookie.touch(sessionId)
    await Promise.resolve(this.redis.touch(sessionId)).catch(noteRedisFailure)
  }
}

/** The `redis` session store, with the encrypted-cookie fallback above. */
export function resilientRedisStore(config: { connection: string }) {
  return configProvider.create(async (app) => {
    await watchRedis()
    const redis = (await stores.redis(config as any).resolver(app)) as StoreFactory
    const cookie = (await stores.cookie().resolver(app)) as StoreFactory
    return (ctx: HttpContext, sessionConfig: SessionConfig) =>
      new ResilientSessionStore(redis(ctx, sessionConfig), cookie(ctx, sessionConfig), ctx.request.url().startsWith('/admin'))
  })
}
