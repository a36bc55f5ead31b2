import type { HttpContext } from '@adonisjs/core/http'
import { catalogListing } from '#queries/catalog_listing'
import type { CatalogScope } from '#queries/catalog_query'
import type { CatalogFilters } from '#validators/catalog_filters'
import { LISTING_TAG, tagPage } from '#catalog/catalog_cache'

/** Ids of the htmx targets a listing URL can answer with a fragment. */
export const LISTING_TARGET = 'catalog'

/**
 * Renders a listing (home, collection, search) as a full page, or, for an
 * htmx request aimed at the listing, only the filters-and-results fragment.
 * Caches must key on HX-Request: the same URL returns either.
 */
export async function respondWithListing(
  ctx: HttpContext,
  scope: CatalogScope,
  filters: CatalogFilters,
  page: {
    heading: string
    title: string | null
    /** null: the layout's default */
    description: string | null
    baseUrl: string
    /** absolute canonical URL; none for search results */
    canonical?: string | null
    intro?: string | null
    /** a search page: false while no term was given */
    searched?: boolean
  },
  /** a page of its own around the listing (the home page), with what it shows besides */
  fullPage: { view: string; data: Record<string, unknown> } = { view: 'pages/storefront/catalog/listing', data: {} }
) {
  const { htmx, view } = ctx
  htmx.vary('HX-Request', 'HX-Target')
  tagPage(ctx, LISTING_TAG)
  const listing = await catalogListing(scope, filters, page.baseUrl)
  if (htmx.wantsFragment(LISTING_TARGET)) {
    return view.render('partials/storefront/catalog', { listing, page })
  }
  return view.render(fullPage.view, { ...fullPage.data, listing, page })
}
