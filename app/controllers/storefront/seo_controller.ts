import type { HttpContext } from '@adonisjs/core/http'
import Product from '#models/product'
import Collection from '#models/collection'
import { LISTING_TAG, tagPage } from '#catalog/catalog_cache'
import { absoluteUrl } from '#catalog/seo'
import { PUBLIC_CACHE_CONTROL } from '#middleware/page_cache_middleware'

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
const xml = (text: string) => text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char])

function urlEntry(loc: string, lastmod?: string | null) {
  return `<url><loc>${xml(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`
}

/** sitemap.xml and robots.txt: public, cookie-free, cached like catalog pages. */
export default class SeoController {
  /**
   * Home, every active product and every published collection, one query per
   * table. Tagged as a listing, so any product or collection change drops it.
   */
  async sitemap(ctx: HttpContext) {
    tagPage(ctx, LISTING_TAG)
    const [products, collections] = await Promise.all([
      Product.query().withScopes((scopes) => scopes.active()).select('handle', 'updated_at').orderBy('id'),
      Collection.query().where('published', true).select('handle', 'updated_at').orderBy('id'),
    ])
    const entries = [
      urlEntry(absoluteUrl(ctx, '/')),
      ...collections.map((collection) =>
        urlEntry(absoluteUrl(ctx, `/collections/${encodeURIComponent(collection.handle)}`), collection.updatedAt?.toISODate())
      ),
      ...products.map((product) =>
        urlEntry(absoluteUrl(ctx, `/products/${encodeURIComponent(product.handle)}`), product.updatedAt?.toISODate())
      ),
    ]
    ctx.response.header('Content-Type', 'application/xml; charset=utf-8')
    ctx.response.header('Cache-Control', PUBLIC_CACHE_CONTROL)
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`
  }

  /** Crawl everything but the back-office and faceted search; point at the sitemap. */
  async robots(ctx: HttpContext) {
    ctx.response.header('Content-Type', 'text/plain; charset=utf-8')
    ctx.response.header('Cache-Control', PUBLIC_CACHE_CONTROL)
    return ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /search?*', '', `Sitemap: ${absoluteUrl(ctx, '/sitemap.xml')}`, ''].join('\n')
  }
}
