import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { InventoryPort } from '#plugin_host/extension_points/inventory'
import type { CatalogFilters } from '#validators/catalog_filters'

/** A filter a facet can leave out: "type", "vendor", "tag", "in_stock", "opt:Size", or "opt:*" for every option. */
export type FilterKey = string

type Query = DatabaseQueryBuilderContract<any>

/** Variants of the product on the current row of `products`. */
export function variantsOfRow() {
  return db.from('variants as v').select(db.raw('1')).whereRaw('v.product_id = products.id')
}

/** Products with a variant whose `name` option takes one of `values`. */
export function whereOption(query: Query, name: string, values: string[]) {
  query.whereExists(
    variantsOfRow()
      .join('product_options as po', 'po.product_id', 'v.product_id')
      .where('po.name', name)
      .where((any) => {
        for (const position of [1, 2, 3]) {
          any.orWhere((one) => one.where('po.position', position).whereIn(`v.option${position}`, values))
        }
      })
  )
}

/** Products with at least one variant a shopper can buy now: untracked, or with sellable stock. */
export function whereInStock(query: Query, inventory: InventoryPort) {
  query.whereExists(
    variantsOfRow().where((stock) =>
      stock.whereRaw('v.track_inventory = false').orWhereIn('v.id', inventory.inStockSubquery())
    )
  )
  return query
}

/**
 * Applies the shopper's filters to a query on `products`, except those in
 * `except` (a facet counts its values with every OTHER filter applied).
 * Values of one filter are alternatives (OR); different filters combine (AND).
 */
export function applyFilters(query: Query, filters: CatalogFilters, inventory: InventoryPort, except: Set<FilterKey> = new Set()) {
  if (filters.types.length && !except.has('type')) query.whereIn('products.product_type', filters.types)
  if (filters.vendors.length && !except.has('vendor')) query.whereIn('products.vendor', filters.vendors)
  if (filters.tags.length && !except.has('tag')) {
    query.whereIn('products.id', db.from('product_tags').select('product_id').whereIn('tag', filters.tags))
  }
  if (!except.has('opt:*')) {
    for (const [name, values] of filters.options) {
      if (!except.has(`opt:${name}`)) whereOption(query, name, values)
    }
  }
  if ((filters.minPrice !== null || filters.maxPrice !== null) && !except.has('price')) {
    const priced = variantsOfRow()
    if (filters.minPrice !== null) priced.where('v.price', '>=', filters.minPrice)
    if (filters.maxPrice !== null) priced.where('v.price', '<=', filters.maxPrice)
    query.whereExists(priced)
  }
  if (filters.inStock && !except.has('in_stock')) whereInStock(query, inventory)
  return query
}
