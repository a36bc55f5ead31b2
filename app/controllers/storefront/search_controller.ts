import type { HttpContext } from '@adonisjs/core/http'
import { respondWithListing } from '#controllers/storefront/catalog_responder'
import { matchSearch, NO_MATCH } from '#search/catalog_search'
import { suggestProducts } from '#search/suggestions'
import { parseCatalogFilters } from '#validators/catalog_filters'
import { LISTING_TAG, tagPage } from '#catalog/catalog_cache'

/** Target id of the header's instant-results dropdown. */
export const SUGGESTIONS_TARGET = 'search-suggestions'

/** Search results (a listing with filters), and the header's instant results as you type. */
export default class SearchController {
  async index(ctx: HttpContext) {
    const { htmx, request, view } = ctx
    const filters = await parseCatalogFilters(request.qs())

    if (htmx.wantsFragment(SUGGESTIONS_TARGET)) {
      htmx.vary('HX-Request', 'HX-Target')
      tagPage(ctx, LISTING_TAG)
      // a lighter query than the listing's: titles, prices and thumbnails only
      const suggestions = await suggestProducts(filters.q)
      return view.render('partials/storefront/search_suggestions', {
        q: filters.q,
        fuzzy: suggestions?.fuzzy ?? false,
        suggestions: suggestions?.items ?? [],
      })
    }

    const search = await matchSearch(filters.q)

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
