import type { HttpContext } from '@adonisjs/core/http'

/**
 * Unhandled errors sent to Sentry (or anything that takes its envelopes)
 * when SENTRY_DSN is set: a request's 5xx from #exceptions/handler, and a
 * job's last failed attempt from the queue drivers. Without it the SDK
 * is not even loaded.
 *
 * An event carries the error and where it happened (request id, route
 * pattern, method; or job name and id) and the signed-in person's id,
 * nothing else about them: no request body, headers, cookies, email or
 * address. Error messages are scrubbed of anything shaped like an email
 * address or a card number, since a database error can quote a row.
 */
let Sentry: typeof import('@sentry/node') | null = null

/** Anything shaped like an email address, or 13 to 19 digits (a card number, spaced or not). */
const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[a-z]{2,}/gi
const CARD_NUMBER = /\b\d(?:[ -]?\d){12,18}\b/g

function scrub(text: string) {
  return text.replace(EMAIL, '[email]').replace(CARD_NUMBER, '[number]')
}

/** Starts reporting to `dsn`; called at boot (start/observability.ts) and by tests with a local stand-in. */
export async function startErrorReporting(dsn: string, environment: string) {
  const sdk = await import('@sentry/node')
  sdk.initWithoutDefaultIntegrations({
    dsn,
    environment,
    // nothing about the person or the request beyond what we tag below
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    // the stack trace is in the event; no source lines or host name
    includeServerName: false,
    // errors only: no tracing, no instrumentation of modules at load time
    enableRuntimeChannelInjection: false,
    integrations: [sdk.linkedErrorsIntegration(), sdk.dedupeIntegration()],
    beforeSend(event) {
      for (const exception of event.exception?.values ?? []) {
        if (exception.value) exception.value = scrub(exception.value)
      }
      if (event.message) event.message = scrub(event.message)
      delete event.request
      delete event.breadcrumbs
      event.user = event.user?.id ? { id: event.user.id } : undefined
      return event
    },
  })
  Sentry = sdk
}

/** Sends what is still queued (up to `timeoutMs`) and stops reporting. */
export async function stopErrorReporting(timeoutMs = 2000) {
  const sdk = Sentry
  Sentry = null
  await sdk?.close(timeoutMs)
}

/** Waits until the events reported so far are sent (tests; shutdown uses stopErrorReporting). */
export async function flushErrorReports(timeoutMs = 2000) {
  await Sentry?.flush(timeoutMs)
}

/** Who was signed in: `staff:12` or `customer:34` (the two guards' ids would collide). */
function signedInUser(ctx: HttpContext) {
  // absent on public pages and machine endpoints, which run no session or auth
  const auth = (ctx as Partial<HttpContext>).auth
  if (!auth) return undefined
  for (const guard of ['staff', 'customer'] as const) {
    // the user a middleware already checked; reading it runs no query
    const user = auth.use(guard).user
    if (user) return `${guard}:${user.id}`
  }
  return undefined
}

/** Reports an error that made a request fail (a 5xx). */
export function reportRequestError(error: unknown, ctx: HttpContext) {
  if (!Sentry) return
  const user = signedInUser(ctx)
  Sentry.captureException(error, {
    tags: {
      request_id: ctx.request.id() ?? 'none',
      route: ctx.route?.pattern ?? 'unmatched',
      method: ctx.request.method(),
    },
    user: user ? { id: user } : undefined,
  })
}

/** Reports a job's last failed attempt (earlier attempts are retried, and only logged). */
export function reportJobError(error: unknown, job: { name: string; id: string | number | undefined; attempt: number }) {
  if (!Sentry) return
  Sentry.captureException(error, {
    tags: { job: job.name, job_id: String(job.id ?? 'none'), attempt: String(job.attempt) },
  })
}
