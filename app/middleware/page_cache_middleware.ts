import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import cache from '@adonisjs/cache/services/main'
import { tagsOfPage } from '#catalog/catalog_cache'
import env from '#start/env'
import { acceptsGzip } from '#services/http_compression'
import { readsCameFromReplica } from '#services/read_replicas'
import { countPageCache } from '#observability/metrics'

/** What a CDN (and the browser) may do with an anonymous catalog page. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300'

/** Tags drop entries on change; the TTL only bounds what a missed invalidation can leave. */
const PAGE_TTL = '10m'
/** The TTL of a page rendered from a read replica (see the factory). */
const REPLICA_PAGE_TTL = '1m'

export interface CachedPage {
  body: string
  /** the body gzipped once when cached (base64: entries travel through Redis as JSON) */
  gzip?: string
  etag: string
  contentType: string
  vary: string | null
}

/** Smaller pages gain nothing from compression (a packet either way). */
const GZIP_MIN_BYTES = 1024

/**
 * Full-page cache for the anonymous catalog pages, in front of rendering
 * and of every query (a hit runs no SQL). Entries are keyed by the path, the
 * normalized query string and the htmx headers (the same URL may answer with
 * a fragment), and tagged by the controllers through `tagPage` so
 * #catalog/catalog_cache can drop exactly what a change affects.
 *
 * Responses carry a strong ETag (hash of the body) and public Cache-Control,
 * so a CDN can keep them; `If-None-Match` gets a 304. Only 200s are cached.
 * These routes never run the session middleware (see #middleware/web_session_middleware),
 * so no response can carry one visitor's cookie to another. Concurrent
 * misses for one key are coalesced: the page is rendered once.
 */
export default class PageCacheMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const method = ctx.request.method()
    if (method !== 'GET' && method !== 'HEAD') return next()

    // One cold key is rendered once: concurrent misses in this process wait for
    // the first one's page instead of each running the same queries (bentocache
    // locks the key while the factory runs). No grace period: the factory renders
    // through this request's pipeline, so it cannot refresh in the background.
    let failure: unknown
    let renderedHere = false
    const page = await cache.getOrSet<CachedPage | undefined>({
      key: pageKey(ctx),
      ttl: PAGE_TTL,
      grace: false,
      factory: async (entry) => {
        renderedHere = true
        try {
          await next()
        } catch (error) {
          // kept for the exception handler as it was thrown (a 404 stays a 404)
          failure = error
          return entry.skip()
        }
        const rendered = cacheablePage(ctx)
        if (!rendered) return entry.skip()
        entry.setTags(tagsOfPage(ctx))
        // A page read from a replica may predate a change whose invalidation
        // already passed: keep it no longer than a CDN may (max-age=60).
        if (readsCameFromReplica()) entry.setTtl(REPLICA_PAGE_TTL)
        return rendered
      },
    })
    // a hit here: another request in this process rendered it meanwhile
    countPageCache(renderedHere ? 'miss' : 'hit')
    if (failure) throw failure
    // undefined: this request rendered a page that is not cached (not a 200); it is already the response
    if (page) send(ctx, page)
  }
}

/** The rendered response as a cache entry, or undefined when it must not be cached (only 200s with a text body are). */
function cacheablePage({ response }: HttpContext): CachedPage | undefined {
  const body = response.getBody()
  if (response.getStatus() !== 200 || typeof body !== 'string') return undefined
  const vary = response.getHeader('Vary')
  return {
    body,
    // Compressed once per cache fill, not per hit: hits stay a lookup and a write.
    gzip: Buffer.byteLength(body) >= GZIP_MIN_BYTES ? gzipSync(body, { level: 6 }).toString('base64') : undefined,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    contentType: String(response.getHeader('Content-Type') ?? 'text/html; charset=utf-8'),
    vary: vary ? String(vary) : null,
  }
}

/**
 * Answers from a cached page: gzipped for clients that accept it, with its
 * own strong ETag (a CDN must not hand one encoding's validator to the
 * other) and `Vary: Accept-Encoding`.
 */
export function send({ request, response }: HttpContext, page: CachedPage) {
  const gzip = page.gzip && acceptsGzip(request.header('Accept-Encoding')) ? page.gzip : null
  const etag = gzip ? `${page.etag.slice(0, -1)}-gz"` : page.etag
  response.header('Cache-Control', PUBLIC_CACHE_CONTROL)
  response.header('ETag', etag)
  response.header('Vary', page.vary ? `${page.vary}, Accept-Encoding` : 'Accept-Encoding')
  if (matchesEtag(request.header('If-None-Match'), etag)) return response.notModified('')
  response.header('Content-Type', page.contentType)
  if (!gzip) return response.send(page.body)
  response.header('Content-Encoding', 'gzip')
  response.send(Buffer.from(gzip, 'base64'))
}

/** If-None-Match uses the weak comparison: `W/` is ignored, `*` matches anything. */
function matchesEtag(header: string | undefined, etag: string) {
  if (!header) return false
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '')
    return value === '*' || value === etag
  })
}

/** Path + query with its pairs sorted (same filters in another order share an entry) + htmx headers. */
export function pageKey({ request }: HttpContext) {
  const url = new URL(request.url(true), 'http://store.invalid')
  const pairs = [...url.searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
  const query = new URLSearchParams(pairs).toString()
  const htmx = request.header('HX-Request') === 'true' ? `hx:${request.header('HX-Target') ?? ''}` : 'page'
  // Without APP_URL, canonical and sitemap URLs come from the request's host: key on it too,
  // so one visitor's Host header never lands in another's page.
  const origin = env.get('APP_URL') ? '' : `${request.protocol()}://${request.host()}`
  return `page:${htmx}:${origin}${url.pathname}${query ? `?${query}` : ''}`
}
