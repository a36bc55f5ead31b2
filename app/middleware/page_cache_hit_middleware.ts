import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import cache from '@adonisjs/cache/services/main'
import { pageKey, send, type CachedPage } from '#middleware/page_cache_middleware'
import { setPublicSecurityHeaders } from '#middleware/web_session_middleware'
import { startsVisit, storefrontTraffic } from '#services/storefront_traffic'
import { countPageCache } from '#observability/metrics'

/** Paths the page cache can hold (the public catalog pages); anything else skips the lookup. */
const CACHEABLE_PATH = /^\/(?:$|search$|collections\/[^/]+$|products\/[^/]+$|policies\/[^/]+$|sitemap\.xml$|robots\.txt$)/

/**
 * Answers a cached catalog page before routing: a warm hit then skips the
 * router, the body parser, the session middleware's public branch and the
 * route-level lookup, which were most of a hit's cost. Only pages the
 * route-level PageCacheMiddleware stored can be found (it stores public
 * pages only), so a hit is always a public page: it gets the same public
 * security headers and the same answer (ETag, 304, gzip) as there. A miss
 * goes on to the router, where that middleware renders and fills the cache.
 */
export default class PageCacheHitMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    // counted here, before the cache answers, so warm pages count too (in memory, no SQL)
    if (startsVisit(ctx.request)) storefrontTraffic.count('visits')
    const method = ctx.request.method()
    if ((method !== 'GET' && method !== 'HEAD') || !CACHEABLE_PATH.test(ctx.request.url())) return next()
    const hit = await cache.get<CachedPage>({ key: pageKey(ctx) })
    if (!hit) return next()
    countPageCache('hit')
    setPublicSecurityHeaders(ctx)
    send(ctx, hit)
  }
}
