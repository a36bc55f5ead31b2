import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { setPublicSecurityHeaders } from '#middleware/web_session_middleware'

/**
 * Headers shield does not cover, on every answer (cached pages, files and
 * errors included, so it runs first), and shield's own defaults. Other sites learn only our origin
 * from a link, never a path with an order token or a search; no page may
 * use the camera, microphone or location; a page opened from another site
 * gets no handle on ours (popups we open, such as a wallet's, still work).
 */
const HEADERS: Array<[string, string]> = [
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
  ['Cross-Origin-Opener-Policy', 'same-origin-allow-popups'],
]

export default class SecurityHeadersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    for (const [name, value] of HEADERS) ctx.response.header(name, value)
    await next()
    // Answers no route middleware reached (unknown URLs, files, early errors) get shield's
    // headers too. Not before next(): ours would override the nonced CSP shield writes.
    const { response } = ctx
    if (!response.getHeader('Content-Security-Policy') && !response.response.getHeader('Content-Security-Policy')) {
      setPublicSecurityHeaders(ctx)
    }
  }
}
