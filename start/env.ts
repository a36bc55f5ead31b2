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

/** A comma-separated list of URLs, each checked like `url()`; unset or blank: undefined. */
function urlList(protocols: string[], example: string) {
  const one = url(protocols, example)
  return (name: string, value?: string) => {
    const urls = (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)
    if (!urls.length) return undefined
    return urls.map((part) => one(name, part)!)
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
  /*
  | Streaming replicas that catalog pages, search and back-office lists read
  | from, comma-separated (docs/scaling.md). Needs DATABASE_URL, the primary,
  | which every write and a shopper's own cart, orders and account use.
  | REPLICA_MAX_LAG_MS: a replica further behind than this, or unreachable,
  | serves no reads until it catches up (default 5000).
  */
  DATABASE_READ_URL: urlList(['postgres', 'postgresql'], 'postgres://user:password@replica-1:5432/stockroom,postgres://user:password@replica-2:5432/stockroom'),
  REPLICA_MAX_LAG_MS: Env.schema.number.optional(),
  REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379/0'),

  SESSION_DRIVER: oneOf(['cookie', 'redis', 'memory'] as const),
  JOBS_DRIVER: oneOf(['database', 'bullmq'] as const),
  /*
  | Work jobs inside the web process. Defaults to on for the database driver
  | (embedded) and off for BullMQ, where `npm run worker` runs them.
  */
  JOBS_IN_PROCESS: Env.schema.boolean.optional(),
  /*
  | How long a worker holds a running job before another worker may take it
  | over (its process died): the database queue's lease, BullMQ's lock and
  | stalled-job check. Default 300000 (5 minutes); keep it above your
  | slowest job.
  */
  JOBS_LEASE_MS: Env.schema.number.optional(),

  /*
  | Demo data: `stockroom:setup` seeds the demo catalog into an empty
  | store. Set DEMO_DATA=false to start empty.
  */
  DEMO_DATA: Env.schema.boolean.optional(),

  /*
  | Plugins to leave out, by name, comma-separated, e.g. "analytics,notifications"
  | (config/plugins.ts). A plugin others depend on cannot be left out alone.
  */
  STOCKROOM_PLUGINS_DISABLED: Env.schema.string.optional(),

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
  /*
  | /health/ready answers every caller with its status alone; a caller that
  | sends this token (Authorization: Bearer <token>) also gets each check's
  | report (process, Node version, heap). Unset: nobody gets the report.
  */
  HEALTH_TOKEN: Env.schema.string.optional(),
  /*
  | Observability (docs/operations.md). GET /metrics answers Prometheus
  | scrapes that send METRICS_TOKEN (Authorization: Bearer <token>); unset,
  | only a scraper on this machine talking to the process directly.
  | METRICS_PORT: a worker (`node ace jobs:work`) serves its own metrics on
  | this port of 127.0.0.1 (or HOST). SENTRY_DSN: unhandled errors of every
  | process are sent there; unset, nothing is sent.
  */
  METRICS_TOKEN: Env.schema.string.optional(),
  METRICS_PORT: Env.schema.number.optional(),
  SENTRY_DSN: url(['http', 'https'], 'https://<key>@o0.ingest.sentry.io/<project>'),
  /*
  | Live-update streams (Server-Sent Events) one web process holds open at
  | once for one session (default 10: tabs of one browser) and for one client
  | IP (default 200: an office or a phone carrier behind one address). One
  | more is refused with 429.
  */
  LIVE_STREAMS_PER_SESSION: Env.schema.number.optional(),
  LIVE_STREAMS_PER_IP: Env.schema.number.optional(),
  /** framework debug pages (stack, request headers) instead of the store's error pages; ignored in production */
  APP_DEBUG: Env.schema.boolean.optional(),

  /*
  | Minutes an unpaid order holds its stock before the expiry job cancels
  | it and releases the stock (default 30).
  */
  CHECKOUT_RESERVATION_MINUTES: Env.schema.number.optional(),

  /*
  | Product images in an S3-compatible bucket instead of <DATA_DIR>/uploads
  | (see docs/images.md). S3_BUCKET switches it on; S3_ENDPOINT for R2,
  | MinIO, Spaces…; S3_PUBLIC_URL is where browsers read the objects (a CDN
  | or the public bucket URL). Keys unset: the AWS SDK's default chain.
  */
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: url(['http', 'https'], 'https://<account>.r2.cloudflarestorage.com'),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  S3_PUBLIC_URL: url(['http', 'https'], 'https://images.shop.example'),

  /*
  | Stripe payments (docs/payments.md). With STRIPE_SECRET_KEY set the
  | stripe driver is active and all three are required; unset: the manual
  | test driver. STRIPE_API_BASE points the SDK at another origin (tests'
  | local stand-in), e.g. http://127.0.0.1:12111.
  */
  STRIPE_SECRET_KEY: Env.schema.string.optional(),
  STRIPE_PUBLISHABLE_KEY: Env.schema.string.optional(),
  STRIPE_WEBHOOK_SECRET: Env.schema.string.optional(),
  STRIPE_API_BASE: url(['http', 'https'], 'http://127.0.0.1:12111'),

  /*
  | SendGrid email (docs/notifications.md). With SENDGRID_API_KEY set the
  | sendgrid driver sends every email (MAIL_FROM must be a verified
  | sender); unset: the outbox driver stores them for Admin › Emails.
  | SENDGRID_BASE_URL points the SDK at another origin (an EU-residency
  | host, a proxy, the tests' stand-in); SENDGRID_TIMEOUT_MS bounds each
  | API call (default 10000).
  */
  SENDGRID_API_KEY: Env.schema.string.optional(),
  SENDGRID_BASE_URL: url(['http', 'https'], 'https://api.eu.sendgrid.com'),
  SENDGRID_TIMEOUT_MS: Env.schema.number.optional(),

  /*
  | Analytics (docs/analytics.md): the store's IANA time zone, whose calendar
  | days sales are reported on (default UTC), and the currency the dashboard
  | opens on (default USD). The plugin validates both at boot.
  */
  STORE_TIMEZONE: Env.schema.string.optional(),
  STORE_CURRENCY: Env.schema.string.optional(),

  /*
  | Minimum order (plugins/minimum-order): the smallest merchandise total
  | that can be ordered, in major units of the store currency (e.g. 25).
  | Unset: no minimum, the plugin is not loaded.
  */
  MINIMUM_ORDER_AMOUNT: Env.schema.number.optional(),
})
