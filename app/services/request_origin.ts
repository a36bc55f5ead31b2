import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'

/**
 * True when a state-changing request demonstrably comes from another site.
 * Used where a CSRF token cannot be: the add-to-cart form lives on
 * page-cached public product pages that carry no session, so no token.
 * Browsers send `Sec-Fetch-Site` (modern) or `Origin` on every POST; a
 * request without either (curl, old clients) cannot be a forged browser
 * post and is let through. Combined with the SameSite=Lax cart and session
 * cookies, another site cannot fill a shopper's cart.
 */
export function isCrossSiteRequest(request: HttpContext['request']): boolean {
  const fetchSite = request.header('sec-fetch-site')
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none'
  const origin = request.header('origin') ?? refererOrigin(request.header('referer'))
  if (!origin) return false
  if (origin === 'null') return true
  return !allowedOrigins(request).has(origin.toLowerCase())
}

function allowedOrigins(request: HttpContext['request']) {
  const allowed = new Set<string>()
  const host = request.header('x-forwarded-host')?.split(',')[0]?.trim() || request.header('host')
  if (host) {
    allowed.add(`http://${host}`.toLowerCase())
    allowed.add(`https://${host}`.toLowerCase())
  }
  const appUrl = env.get('APP_URL')
  if (appUrl) allowed.add(new URL(appUrl).origin.toLowerCase())
  return allowed
}

function refererOrigin(referer: string | undefined) {
  if (!referer) return undefined
  try {
    return new URL(referer).origin
  } catch {
    return 'null'
  }
}
