import type { HttpContext } from '@adonisjs/core/http'
import Collection from '#models/collection'
import { respondWithListing } from '#controllers/storefront/catalog_responder'
import { parseCatalogFilters } from '#validators/catalog_filters'
import { collectionTag, tagPage } from '#catalog/catalog_cache'
import { absoluteUrl, metaDescription } from '#catalog/seo'

/** A published collection's page: its products (manual members or smart rules), filterable. */
export default class CollectionsController {
  async show(ctx: HttpContext) {
    const collection = await Collection.query().where('handle', String(ctx.params.handle)).where('published', true).first()
    if (!collection) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))

    tagPage(ctx, collectionTag(collection.id))
    const filters = await parseCatalogFilters(ctx.request.qs())
    const baseUrl = `/collections/${encodeURIComponent(collection.handle)}`
    return respondWithListing(ctx, { collection }, filters, {
      heading: collection.title,
      title: collection.seoTitle ?? collection.title,
      description: metaDescription(collection.seoDescription, collection.descriptionHtml) ?? `Shop ${collection.title}.`,
      baseUrl,
      // filtered and sorted views point at the collection itself; later pages keep their number
      canonical: absoluteUrl(ctx, filters.page > 1 ? `${baseUrl}?page=${filters.page}` : baseUrl),
    })
  }
}
