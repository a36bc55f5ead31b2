import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import router from '@adonisjs/core/services/router'
import { httpDuration, sqlPerRequest } from '#observability/metrics'
import { queryCount, startCountingQueries } from '#services/query_counter'

void startCountingQueries()

/** Live-update streams stay open for hours: they are counted as streams (stockroom_live_streams), not timed. */
const STREAM_ROUTES = new Set(['live.events'])

/**
 * Times every request and counts its SQL, labelled by route pattern. A
 * server middleware, first in line, so it sees cached pages answered before
 * routing and errors turned into pages; it reads the outcome when the
 * response has been sent, whatever answered it.
 */
export default class HttpMetricsMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const stop = httpDuration.startTimer()
    ctx.response.response.once('finish', () => {
      if (STREAM_ROUTES.has(ctx.route?.name ?? '')) return
      const route = routePattern(ctx)
      stop({ route, method: ctx.request.method(), status: `${Math.floor(ctx.response.getStatus() / 100)}xx` })
      sqlPerRequest.observe({ route }, queryCount(ctx))
    })
    return next()
  }
}

/**
 * The matched route's pattern (`/products/:handle`). A page the cache
 * answered before routing is looked up in the router's table, so it
 * counts under its route too; a URL no route matches is `unmatched`,
 * never the URL itself (one series per scanned path would follow).
 */
function routePattern(ctx: HttpContext) {
  if (ctx.route) return ctx.route.pattern
  return router.match(ctx.request.url(), ctx.request.method())?.route.pattern ?? 'unmatched'
}
