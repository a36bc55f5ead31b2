import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { scopedProducts, type CatalogScope } from '#queries/catalog_query'
import { whereInStock } from '#queries/catalog_filters_sql'
import type { CatalogFilters } from '#validators/catalog_filters'

export interface FacetValue {
  value: string
  count: number
  selected: boolean
}

export interface CatalogFacets {
  types: FacetValue[]
  vendors: FacetValue[]
  tags: FacetValue[]
  options: Array<{ name: string; values: FacetValue[] }>
  /** products in stock with every other filter applied */
  inStock: number
}

const TAG_LIMIT = 30
/** The placeholder option of single-variant products: not worth a filter. */
const IGNORED_OPTIONS = new Set(['Title'])
const OPTION_VALUE = 'case po.position when 1 then v.option1 when 2 then v.option2 when 3 then v.option3 end'

type Row = { value: string | null; count: string | number; name?: string }

function facetValues(rows: Row[], selected: string[]): FacetValue[] {
  const values = rows
    .filter((row) => row.value !== null && row.value !== '')
    .map((row) => ({ value: String(row.value), count: Number(row.count), selected: selected.includes(String(row.value)) }))
  // A selected value stays visible (to be unticked) even when its count drops to zero.
  for (const value of selected) {
    if (!values.some((facet) => facet.value === value)) values.push({ value, count: 0, selected: true })
  }
  return values
}

function columnFacet(scope: CatalogScope, filters: CatalogFilters, inventory: InventoryPort, key: 'type' | 'vendor', column: string) {
  return scopedProducts(scope, filters, inventory, new Set([key]))
    .whereNotNull(column)
    .select(`${column} as value`)
    .count('* as count')
    .groupBy(column)
    .orderBy(column) as unknown as Promise<Row[]>
}

/** Option values (name, value, product count) over the products of one filtered base. */
function optionRows(
  scope: CatalogScope,
  filters: CatalogFilters,
  inventory: InventoryPort,
  except: Set<string>
): Promise<Required<Row>[]> {
  return db
    .from('variants as v')
    .join('product_options as po', 'po.product_id', 'v.product_id')
    .whereIn('v.product_id', scopedProducts(scope, filters, inventory, except).select('products.id'))
    .select('po.name as name', db.raw(`${OPTION_VALUE} as value`))
    .countDistinct('v.product_id as count')
    .groupBy('po.name')
    .groupByRaw(OPTION_VALUE)
    .orderBy('po.name') as unknown as Promise<Required<Row>[]>
}

/**
 * Facet counts that follow the active filters: each facet counts its values
 * with every OTHER filter applied. One grouped query per facet, plus one per
 * option name the shopper has filtered on.
 */
export async function catalogFacets(scope: CatalogScope, filters: CatalogFilters): Promise<CatalogFacets> {
  const activeOptions = [...filters.options.keys()]
  const inventory = await app.container.make(InventoryPort)
  const [types, vendors, tags, inStock, otherOptions, ...ownOptions] = await Promise.all([
    columnFacet(scope, filters, inventory, 'type', 'products.product_type'),
    columnFacet(scope, filters, inventory, 'vendor', 'products.vendor'),
    db
      .from('product_tags')
      .whereIn('product_id', scopedProducts(scope, filters, inventory, new Set(['tag'])).select('products.id'))
      .select('tag as value')
      .count('* as count')
      .groupBy('tag')
      .orderBy('count', 'desc')
      .orderBy('tag')
      .limit(TAG_LIMIT) as unknown as Promise<Row[]>,
    whereInStock(scopedProducts(scope, filters, inventory, new Set(['in_stock'])), inventory).count('* as count').first(),
    optionRows(scope, filters, inventory, new Set()),
    ...activeOptions.map((name) => optionRows(scope, filters, inventory, new Set([`opt:${name}`]))),
  ])

  const byName = new Map<string, Row[]>()
  const rowsOf = (name: string) => byName.get(name) ?? byName.set(name, []).get(name)!
  for (const row of otherOptions) if (!filters.options.has(row.name)) rowsOf(row.name).push(row)
  activeOptions.forEach((name, index) => {
    for (const row of ownOptions[index]) if (row.name === name) rowsOf(name).push(row)
  })
  const options = [...byName.keys()]
    .filter((name) => !IGNORED_OPTIONS.has(name))
    .sort()
    .map((name) => ({ name, values: facetValues(rowsOf(name), filters.options.get(name) ?? []) }))

  return {
    types: facetValues(types, filters.types),
    vendors: facetValues(vendors, filters.vendors),
    tags: facetValues(tags, filters.tags),
    options,
    inStock: Number(inStock?.count ?? 0),
  }
}
