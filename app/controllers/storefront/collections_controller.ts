import type { HttpContext } from '@adonisjs/core/http'
import Collection from '#models/collection'
import { respondWithListing } from '#controllers/storefront/catalog_responder'
import { parseCatalogFilters } from '#validators/catalog_filters'
import { collectionTag, tagPage } from '#services/catalog_cache'

/** A published collection's page: its products (manual members or smart rules), filterable. */
export default class CollectionsController {
  async show(ctx: HttpContext) {
    const collection = await Collection.query().where('handle', String(ctx.params.handle)).where('published', true).first()
    if (!collection) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))

    tagPage(ctx, collectionTag(collection.id))
    const filters = await parseCatalogFilters(ctx.request.qs())
    return respondWithListing(ctx, { collection }, filters, {
      heading: collection.title,
      title: collection.seoTitle ?? collection.title,
      description: collection.seoDescription ?? `Shop ${collection.title}.`,
      baseUrl: `/collections/${encodeURIComponent(collection.handle)}`,
    })
  }
}
