import type { HttpContext } from '@adonisjs/core/http'
import { respondWithListing } from '#controllers/storefront/catalog_responder'
import { catalogPage } from '#queries/catalog_query'
import { imageSources, isDisplayable } from '#queries/storefront_product_query'
import { highlight, matchSearch, NO_MATCH } from '#search/catalog_search'
import { parseCatalogFilters } from '#validators/catalog_filters'
import { LISTING_TAG, tagPage } from '#catalog/catalog_cache'

/** Target id of the header's instant-results dropdown. */
export const SUGGESTIONS_TARGET = 'search-suggestions'
const SUGGESTION_COUNT = 6

/** Search results (a listing with filters), and the header's instant results as you type. */
export default class SearchController {
  async index(ctx: HttpContext) {
    const { htmx, request, view } = ctx
    const filters = await parseCatalogFilters(request.qs())
    const search = await matchSearch(filters.q)

    if (htmx.wantsFragment(SUGGESTIONS_TARGET)) {
      htmx.vary('HX-Request', 'HX-Target')
      tagPage(ctx, LISTING_TAG)
      const suggestions = search
        ? (await catalogPage({ search }, { ...filters, page: 1, sort: 'relevance' })).cards.slice(0, SUGGESTION_COUNT)
        : []
      return view.render('partials/storefront/search_suggestions', {
        q: filters.q,
        fuzzy: search?.fuzzy ?? false,
        suggestions: suggestions.map(({ product, price }) => ({
          handle: product.handle,
          titleHtml: highlight(product.title, search!.tokens),
          price,
          // the card's first picture, as a thumbnail beside the title
          image: isDisplayable(product.images[0]) ? imageSources(product.images[0]) : null,
        })),
      })
    }

    return respondWithListing(ctx, { search: search ?? NO_MATCH }, filters, {
      heading: filters.q ? `Results for “${filters.q}”` : 'Search',
      title: filters.q ? `Search: ${filters.q}` : 'Search',
      description: 'Search the catalog.',
      baseUrl: '/search',
      intro: search?.fuzzy ? 'No exact matches: showing close spellings.' : null,
      searched: Boolean(search),
    })
  }
}
