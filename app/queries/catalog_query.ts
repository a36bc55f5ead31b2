import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import Collection from '#models/collection'
import Product from '#models/product'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import type { SearchMatch } from '#search/catalog_search'
import { applyCollectionRules } from '#queries/collection_rules'
import { applyFilters, type FilterKey } from '#queries/catalog_filters_sql'
import { priceSummary, STOREFRONT_PAGE_SIZE, variantAvailability } from '#queries/storefront_product_query'
import type { CatalogFilters, CatalogSort } from '#validators/catalog_filters'

/** Where a listing looks: the whole catalog, one collection, and/or a search's matches. */
export interface CatalogScope {
  collection?: Collection | null
  search?: SearchMatch | null
}

const MIN_PRICE = '(select min(price) from variants where variants.product_id = products.id)'
const UNITS_SOLD = '(select coalesce(sum(quantity), 0) from order_lines where order_lines.product_id = products.id)'

/**
 * Active products in `scope` with the filters applied, except `except`.
 * The base of both the listing and every facet count; `inventory` answers
 * the in-stock filter.
 */
export function scopedProducts(scope: CatalogScope, filters: CatalogFilters, inventory: InventoryPort, except?: Set<FilterKey>) {
  const query = db.from('products').where('products.status', 'active')
  const collection = scope.collection
  if (collection?.kind === 'smart') applyCollectionRules(query, collection.rules ?? [])
  else if (collection) {
    query.whereIn('products.id', db.from('collection_products').select('product_id').where('collection_id', collection.id))
  }
  if (scope.search) {
    query.joinRaw(`join (${scope.search.sql}) as search on search.product_id = products.id`, scope.search.bindings)
  }
  return applyFilters(query, filters, inventory, except)
}

/** A collection's own default order (see Collection.sortOrder) as a listing sort. */
const COLLECTION_SORTS: Record<string, CatalogSort | 'manual'> = {
  'manual': 'manual',
  'price-asc': 'price-asc',
  'price-desc': 'price-desc',
  'created-desc': 'newest',
}

/**
 * The sort a listing uses: the shopper's choice, else relevance for a search,
 * else the collection's own order, else newest.
 */
export function effectiveSort(scope: CatalogScope, sort: CatalogSort | null): CatalogSort | 'manual' {
  if (sort === 'relevance' && !scope.search) sort = null
  if (sort) return sort
  if (scope.search) return 'relevance'
  if (scope.collection) {
    const own = COLLECTION_SORTS[scope.collection.sortOrder]
    if (own && (own !== 'manual' || scope.collection.kind === 'manual')) return own
  }
  return 'newest'
}

function applySort(query: DatabaseQueryBuilderContract<any>, scope: CatalogScope, sort: CatalogSort | 'manual') {
  if (sort === 'relevance') query.orderBy('search.rank', 'desc')
  else if (sort === 'price-asc') query.orderBy('min_price', 'asc')
  else if (sort === 'price-desc') query.orderBy('min_price', 'desc')
  else if (sort === 'best-selling') query.orderByRaw(`${UNITS_SOLD} desc`)
  else if (sort === 'manual' && scope.collection) {
    query.orderByRaw('(select position from collection_products where collection_id = ? and product_id = products.id)', [
      scope.collection.id,
    ])
  }
  // Best selling without sales, equal prices and equal ranks fall back to newest.
  query.orderBy('products.created_at', 'desc').orderBy('products.id', 'desc')
}

/** A product card's data: price, first image and whether anything is buyable. */
export interface CatalogCard {
  product: Product
  price: ReturnType<typeof priceSummary>
  soldOut: boolean
}

/**
 * One page of the listing: ids and sort keys in one paginated query, then the
 * products with their variants, first image and stock in a fixed number of
 * queries (never one per product).
 */
export async function catalogPage(scope: CatalogScope, filters: CatalogFilters) {
  const sort = effectiveSort(scope, filters.sort)
  const inventory = await app.container.make(InventoryPort)
  const query = scopedProducts(scope, filters, inventory).select('products.id', db.raw(`${MIN_PRICE} as min_price`))
  applySort(query, scope, sort)
  const paginator = await query.paginate(filters.page, STOREFRONT_PAGE_SIZE)
  const ids = paginator.all().map((row: { id: number }) => Number(row.id))

  const products: Product[] = ids.length
    ? await Product.query()
        .whereIn('id', ids)
        .preload('variants')
        // the first picture that can be shown: an imported one still being fetched is skipped
        .preload('images', (images) => images.where('status', 'ready').groupLimit(1))
    : []
  const byId = new Map(products.map((product) => [product.id, product]))
  const variants = products.flatMap((product) => product.variants)
  const available: Map<number, number> = variants.length ? await inventory.available(variants.map((variant) => variant.id)) : new Map()

  const cards: CatalogCard[] = ids
    .map((id) => byId.get(id))
    .filter((product): product is Product => Boolean(product))
    .map((product) => ({
      product,
      price: priceSummary(product.variants),
      soldOut:
        product.variants.length > 0 &&
        product.variants.every((variant) => variantAvailability(variant, available.get(variant.id)).state === 'sold_out'),
    }))
  return { paginator, cards, sort }
}
