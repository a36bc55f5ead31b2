/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Stockroom needs no environment at all: with nothing set it runs embedded
| (SQLite, memory cache, in-process jobs). Each service below switches one
| concern to its production driver. Values are checked here, at boot, with
| messages that say what to set.
|
*/
import { Env } from '@adonisjs/core/env'

function url(protocols: string[], example: string) {
  return (name: string, value?: string) => {
    if (!value) return undefined
    let parsed: URL
    try {
      parsed = new URL(value)
    } catch {
      throw new Error(`${name} is not a valid URL. Set it like ${example}`)
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new Error(
        `${name} must start with ${protocols.map((p) => `${p}://`).join(' or ')}. Set it like ${example}`
      )
    }
    return value
  }
}

function oneOf<T extends string>(choices: readonly T[]) {
  return (name: string, value?: string): T | undefined => {
    if (!value) return undefined
    if (!choices.includes(value as T)) {
      throw new Error(`${name} must be one of ${choices.join(', ')} (got "${value}")`)
    }
    return value as T
  }
}

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum.optional(['development', 'production', 'test'] as const),
  PORT: Env.schema.number.optional(),
  HOST: Env.schema.string.optional({ format: 'host' }),
  LOG_LEVEL: Env.schema.string.optional(),
  APP_KEY: Env.schema.string.optional(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),

  /*
  | Where embedded mode keeps its SQLite file, uploads and generated key.
  */
  DATA_DIR: Env.schema.string.optional(),

  /*
  | Production services. Each is optional: unset means the embedded driver.
  */
  DATABASE_URL: url(['postgres', 'postgresql'], 'postgres://user:password@127.0.0.1:5432/stockroom'),
  DATABASE_POOL_MAX: Env.schema.number.optional(),
  REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379/0'),

  SESSION_DRIVER: oneOf(['cookie', 'redis', 'memory'] as const),
  JOBS_DRIVER: oneOf(['database', 'bullmq'] as const),
  /*
  | Work jobs inside the web process. Defaults to on for the database driver
  | (embedded) and off for BullMQ, where `npm run worker` runs them.
  */
  JOBS_IN_PROCESS: Env.schema.boolean.optional(),

  /*
  | Demo data: `stockroom:setup` seeds the demo catalog into an empty
  | store. Set DEMO_DATA=false to start empty.
  */
  DEMO_DATA: Env.schema.boolean.optional(),

  /*
  | Sender of Stockroom's emails: "Shop <no-reply@shop.example>" or a bare
  | address. Unset: "Stockroom <no-reply@stockroom.local>".
  */
  MAIL_FROM: Env.schema.string.optional(),

  /*
  | Origin that serves /css, /vendor and /media (a CDN in front of this
  | server), e.g. https://cdn.shop.example. Unset: same origin.
  */
  CDN_URL: url(['http', 'https'], 'https://cdn.shop.example'),

  /*
  | Send X-Query-Count (SQL queries per request) in production too. Always
  | on outside production.
  */
  QUERY_COUNT_HEADER: Env.schema.boolean.optional(),
})
