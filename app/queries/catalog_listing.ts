import { catalogFacets } from '#queries/catalog_facets'
import { catalogPage, type CatalogScope } from '#queries/catalog_query'
import { imageSources, isDisplayable } from '#queries/storefront_product_query'
import { highlight } from '#search/catalog_search'
import { catalogSorts, filtersToQuery, toMajor, type CatalogFilters } from '#validators/catalog_filters'

/** Cards whose image loads at once (about the first row on a wide screen). */
const EAGER_CARDS = 4
/** Cards whose image is fetched first (`fetchpriority="high"`): a phone's first row, where the largest paint is. */
const PRIORITY_CARDS = 2

const SORT_LABELS: Record<(typeof catalogSorts)[number], string> = {
  'relevance': 'Relevance',
  'newest': 'Newest',
  'price-asc': 'Price, low to high',
  'price-desc': 'Price, high to low',
  'best-selling': 'Best selling',
}

const CHIP_LABELS: Record<string, string> = {
  type: 'Type',
  vendor: 'Vendor',
  tag: 'Tag',
  min: 'Price from',
  max: 'Price up to',
}

/**
 * One removable chip per active filter value: its words and the listing URL
 * without it (the other filters, the search term and the sort stay).
 */
function filterChips(query: Record<string, string | string[]>, baseUrl: string) {
  const pairs = Object.entries(query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => [key, item] as const)
  )
  const urlWithout = (skip: number) => {
    const rest = new URLSearchParams(pairs.filter((_, index) => index !== skip).map(([key, item]): [string, string] => [key, item]))
    const qs = rest.toString()
    return qs ? `${baseUrl}?${qs}` : baseUrl
  }
  return pairs.flatMap(([key, item], index) => {
    if (key === 'q' || key === 'sort') return []
    let label: string
    if (key === 'opt') {
      const at = item.indexOf(':')
      label = `${item.slice(0, at)}: ${item.slice(at + 1)}`
    } else if (key === 'in_stock') {
      label = 'In stock'
    } else {
      label = `${CHIP_LABELS[key] ?? key}: ${item}`
    }
    return [{ label, removeUrl: urlWithout(index) }]
  })
}

/**
 * Everything a listing page (home, collection, search) renders: the page of
 * product cards, the facets, the sort options and pagination links that keep
 * the active filters.
 */
export async function catalogListing(scope: CatalogScope, filters: CatalogFilters, baseUrl: string) {
  const [{ paginator, cards, sort }, facets] = await Promise.all([
    catalogPage(scope, filters),
    catalogFacets(scope, filters),
  ])
  const query = filtersToQuery(filters)
  paginator.baseUrl(baseUrl).queryString(query)

  const tokens = scope.search?.tokens ?? []
  return {
    paginator,
    facets,
    filters,
    /** the price inputs' values, in major units */
    priceRange: { min: toMajor(filters.minPrice) ?? '', max: toMajor(filters.maxPrice) ?? '' },
    baseUrl,
    sort,
    sorts: [
      // a manual collection's own order has no URL value: it is the default
      ...(sort === 'manual' ? [{ value: '', label: 'Featured', selected: true }] : []),
      ...catalogSorts
        .filter((value) => value !== 'relevance' || scope.search)
        .map((value) => ({ value, label: SORT_LABELS[value], selected: value === sort })),
    ],
    hasFilters: Object.keys(query).some((key) => key !== 'q' && key !== 'sort'),
    chips: filterChips(query, baseUrl),
    /** the listing without any filter (the search term stays) */
    clearUrl: filters.q ? `${baseUrl}?${new URLSearchParams({ q: filters.q })}` : baseUrl,
    cards: cards.map(({ product, price, soldOut }, index) => {
      const image = product.images[0]
      return {
        handle: product.handle,
        title: product.title,
        // Escaped, then marked: safe to print raw.
        titleHtml: tokens.length ? highlight(product.title, tokens) : null,
        price,
        soldOut,
        image: isDisplayable(image)
          ? // the first row is above the fold: not lazy
            { ...imageSources(image), alt: image.alt ?? '', eager: index < EAGER_CARDS, priority: index < PRIORITY_CARDS }
          : null,
      }
    }),
  }
}

export type CatalogListing = Awaited<ReturnType<typeof catalogListing>>
