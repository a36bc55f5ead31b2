import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import { errors as shieldErrors } from '@adonisjs/shield'
import InitializeAuthMiddleware from '@adonisjs/auth/initialize_auth_middleware'
import string from '@adonisjs/core/helpers/string'
import shieldConfig from '#config/shield'

/**
 * Pages anyone may cache: the same bytes for every visitor, no session.
 * A route joins by name, GET/HEAD only. Everything else (admin, plugins,
 * any POST) keeps the session, CSRF and auth: stateful is the default.
 */
export const PUBLIC_PAGE_ROUTES = new Set([
  'storefront.home',
  'storefront.search',
  'storefront.collections.show',
  'storefront.products.show',
  'storefront.policies.show',
  'storefront.media',
  'storefront.sitemap',
  'storefront.robots',
])

export function isPublicPage(ctx: HttpContext) {
  const method = ctx.request.method()
  return (method === 'GET' || method === 'HEAD') && PUBLIC_PAGE_ROUTES.has(ctx.route?.name ?? '')
}

/**
 * Machine endpoints: no session, CSRF or auth, since no browser calls them.
 * Provider webhooks (`webhooks.*`) prove themselves with a signature over
 * their raw body; health probes (`health.*`) and metric scrapes (`metrics`)
 * must not write a session per probe, or every probe fills the session
 * store and hangs with it when Redis is away.
 */
export function isMachineEndpoint(ctx: HttpContext) {
  const name = ctx.route?.name ?? ''
  return name.startsWith('webhooks.') || name.startsWith('health.') || name === 'metrics'
}

/**
 * Shield's headers for public pages, computed once from config/shield.ts:
 * CSP, frame, HSTS and nosniff, but no CSRF guard (it would start a session
 * to keep its secret) and a CSP without nonce: a cached page is shared, so a
 * nonce in it would be neither secret nor current, and its scripts are files
 * allowed by 'self' (or the CDN). Constant headers also keep a cache hit from
 * building a view renderer, which is most of a hit's cost.
 */
function publicSecurityHeaders() {
  const headers: Record<string, string> = {}
  const { csp, xFrame, hsts, contentTypeSniffing } = shieldConfig
  if (csp?.enabled) {
    const policy = Object.entries(csp.directives ?? {}).map(([name, values]) => {
      const sources = (Array.isArray(values) ? values : [])
        .filter((value) => typeof value === 'string' && value !== '@nonce')
      return [name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), ...sources].join(' ')
    })
    headers[csp.reportOnly ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy'] = policy.join(';')
  }
  if (xFrame?.enabled) headers['X-Frame-Options'] = xFrame.action ?? 'SAMEORIGIN'
  if (hsts?.enabled) {
    const maxAge = typeof hsts.maxAge === 'number' ? hsts.maxAge : string.seconds.parse(hsts.maxAge ?? '180 days')
    headers['Strict-Transport-Security'] =
      `max-age=${maxAge}${hsts.includeSubDomains ? '; includeSubDomains' : ''}${hsts.preload ? '; preload' : ''}`
  }
  if (contentTypeSniffing?.enabled) headers['X-Content-Type-Options'] = 'nosniff'
  return Object.entries(headers)
}

let stateful: [SessionMiddleware<any>, ShieldMiddleware, InitializeAuthMiddleware] | undefined
let publicHeaders: Array<[string, string]> | undefined

/** Sets the public pages' security headers (computed once). */
export function setPublicSecurityHeaders(ctx: HttpContext) {
  publicHeaders ??= publicSecurityHeaders()
  for (const [name, value] of publicHeaders) ctx.response.header(name, value)
}

/**
 * Runs session → shield (CSRF, CSP with nonce) → auth on every route except
 * the public pages, which get security headers only and so never set a
 * cookie. Stateful responses default to `Cache-Control: private, no-store`.
 */
export default class WebSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isPublicPage(ctx)) {
      setPublicSecurityHeaders(ctx)
      return next()
    }

    if (isMachineEndpoint(ctx)) {
      ctx.response.header('Cache-Control', 'no-store')
      return next()
    }

    stateful ??= [
      await app.container.make(SessionMiddleware),
      await app.container.make(ShieldMiddleware),
      new InitializeAuthMiddleware(),
    ]
    const [session, shield, auth] = stateful
    ctx.response.header('Cache-Control', 'private, no-store')
    return session.handle(ctx, () => shield.handle(ctx, () => auth.handle(ctx, next)).catch((error) => answerInSession(error, ctx)))
  }
}

/**
 * A refused CSRF token is answered inside the session's scope: thrown out
 * of it, the answer would skip the session's commit and lose what it
 * flashes (the message and the typed input, see #exceptions/handler).
 */
async function answerInSession(error: unknown, ctx: HttpContext) {
  if (!(error instanceof shieldErrors.E_BAD_CSRF_TOKEN)) throw error
  const { default: HttpExceptionHandler } = await import('#exceptions/handler')
  return (await app.container.make(HttpExceptionHandler)).handle(error, ctx)
}
