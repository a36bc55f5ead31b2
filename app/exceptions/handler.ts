import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { errors as shieldErrors } from '@adonisjs/shield'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { reportRequestError } from '#observability/error_reporting'

/**
 * The framework's debug page shows the stack and the request's headers,
 * session cookie included: only for an operator who asks with APP_DEBUG=true,
 * and never in production. Everyone else, the quick start included, gets the
 * store's own pages.
 */
const debugPages = !app.inProduction && !app.inTest && env.get('APP_DEBUG') === true

/** What a person is told when a form's CSRF token is missing or old (its session expired, or another tab signed out). */
export const EXPIRED_FORM_MESSAGE = "Your session expired, so we couldn't save that. Please try again."

/** The code of a ServiceUnavailable error (#exceptions/service_unavailable): a service the page needs is away. */
const SERVICE_UNAVAILABLE = 'E_SERVICE_UNAVAILABLE'

/** Says what was wrong with the request in words, as a page or, for API clients, JSON. */
function badRequest(error: { status: number; message: string }, ctx: HttpContext) {
  if (ctx.request.accepts(['html', 'json']) === 'json') {
    return ctx.response.status(error.status).send({ message: error.message })
  }
  return ctx.view.render('pages/errors/bad_request', { error: { status: error.status, message: error.message } })
}

/** A 503 while Redis (or another service) is away: a clear page and a retry hint, nothing about the cause. */
function unavailable(error: { status: number; message: string }, ctx: HttpContext) {
  ctx.response.header('Retry-After', '30')
  if (ctx.request.accepts(['html', 'json']) === 'json') {
    return ctx.response.status(503).send({ message: error.message })
  }
  return ctx.view.render('pages/errors/unavailable', { message: error.message })
}

/**
 * Whether an error is the server's fault: a 5xx (an error without a status
 * is one), not the framework's own HTTP exceptions, and not a 503 saying a
 * service is away (an outage, which the health checks report).
 */
function failedTheRequest(error: unknown, ignored: Array<new (...args: any[]) => Error>) {
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown }
  if ((typeof status === 'number' ? status : 500) < 500 || code === SERVICE_UNAVAILABLE) return false
  return !ignored.some((type) => error instanceof type)
}

/** Fields never written back into a page: passwords, tokens, secrets and the framework's own (`_csrf`, `_method`). */
const NOT_REFILLED = /password|token|secret|^_/i

/**
 * Errors become friendly pages for people and JSON for API clients. The
 * stack is logged, with the request id (X-Request-Id) that the 500 page
 * shows as a reference.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = debugPages
  protected renderStatusPages = !debugPages

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '404': (error, { view }) => {
      return view.render('pages/errors/not_found', { error })
    },
    // an upload over config/bodyparser.ts's limit: say so instead of a bare status text
    '413': (error, { view }) => {
      return view.render('pages/errors/too_large', { error })
    },
    // Input no route accepts: a NUL byte (#middleware/reject_nul_bytes_middleware), a
    // multipart body where no file is taken, an upload that does not say its size.
    '400': (error, ctx) => badRequest(error, ctx),
    '411': (error, ctx) => badRequest(error, ctx),
    '415': (error, ctx) => badRequest(error, ctx),
    // Never the message (it may hold SQL) nor the stack: a reference that finds the log entry.
    '500..599': (error, ctx) => {
      const reference = ctx.request.id() ?? null
      if (error.code === SERVICE_UNAVAILABLE) return unavailable(error, ctx)
      if (ctx.request.accepts(['html', 'json']) === 'json') {
        return ctx.response.status(error.status).send({ message: 'Internal server error', reference })
      }
      return ctx.view.render('pages/errors/server_error', { error: { status: error.status }, reference })
    },
  }

  async handle(error: unknown, ctx: HttpContext) {
    // Rate limits answer people with a page saying when to retry (the
    // limiter's own response is plain text); API clients keep its JSON.
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS && ctx.request.accepts(['html', 'json']) === 'html') {
      for (const [name, value] of Object.entries(error.getDefaultHeaders())) ctx.response.header(name, value)
      const retryAfter = error.response.availableIn
      return ctx.response
        .status(429)
        .send(await ctx.view.render('pages/errors/too_many_requests', { retryAfter, minutes: Math.ceil(retryAfter / 60) }))
    }
    // Shield answers a bad CSRF token by redirecting back, which a script reads as success: the
    // live client's subscribe would follow it to a page and mark itself subscribed. Scripts asking
    // for JSON get a 403 they can act on.
    if (error instanceof shieldErrors.E_BAD_CSRF_TOKEN && ctx.request.accepts(['html', 'json']) === 'json') {
      return ctx.response.forbidden({ message: 'This page has expired. Reload it and try again.', code: error.code })
    }
    if (error instanceof shieldErrors.E_BAD_CSRF_TOKEN) return this.#expiredForm(ctx)
    return super.handle(error, ctx)
  }

  /**
   * A form posted with a missing or old CSRF token: nothing was saved, so
   * say so and give the input back. Shield's own answer only redirects, with
   * a message no page shows. A form post goes back to its page with the
   * message and its fields refilled (old()). An htmx request reloads the
   * page (HX-Refresh) instead of swapping a fragment: the page's token is
   * stale, so only a fresh page lets the retry succeed; the flashed message
   * and input show on it. (Scripts asking for JSON are answered above.)
   */
  #expiredForm({ request, response, session, htmx }: HttpContext) {
    session.flashOnly(Object.keys(request.all()).filter((field) => !NOT_REFILLED.test(field)))
    session.flash('error', EXPIRED_FORM_MESSAGE)
    if (htmx?.isRequest) {
      return response.status(403).header('HX-Refresh', 'true').send(EXPIRED_FORM_MESSAGE)
    }
    return response.redirect().back()
  }

  /** Logged as the framework does; a request that failed (5xx) is also sent to Sentry when configured. */
  async report(error: unknown, ctx: HttpContext) {
    await super.report(error, ctx)
    if (failedTheRequest(error, this.ignoreExceptions)) reportRequestError(error, ctx)
  }
}
