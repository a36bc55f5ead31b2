import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Collection from '#models/collection'

/** How many collections the header lists; the rest are reached from pages. */
const NAV_LIMIT = 8

/** Shares the storefront header's collection links and the current search term. */
export default class StorefrontNavMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const collections = await Collection.query()
      .where('published', true)
      .select('handle', 'title')
      .orderBy('title')
      .limit(NAV_LIMIT)
    ctx.view.share({
      navCollections: collections.map((collection) => ({ handle: collection.handle, title: collection.title })),
      searchTerm: String(ctx.request.qs().q ?? '').slice(0, 200),
    })
    return next()
  }
}
