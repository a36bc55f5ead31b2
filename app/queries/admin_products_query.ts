import db from '@adonisjs/lucid/services/db'
import cache from '@adonisjs/cache/services/main'
import { CATALOG_TAG, LISTING_TAG } from '#catalog/catalog_cache'
import runtime from '#config/runtime'
import { SimplePaginator } from '@adonisjs/lucid/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { ProductFilters } from '#validators/product'
import { storeCurrency } from '#services/money'
import app from '@adonisjs/core/services/app'
import ProductImage from '#models/product_image'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { imageUrlAtLeast, isDisplayable } from '#queries/storefront_product_query'

export const PRODUCTS_PER_PAGE = 50

export interface AdminProductRow {
  id: number
  title: string
  handle: string
  status: string
  vendor: string | null
  productType: string | null
  updatedAt: string
  variantsCount: number
  minPrice: number | null
  currency: string
  tags: string[]
  /** the main picture, ~96 px wide for a 48 px thumbnail on a 2x screen; null without one */
  thumb: string | null
  /** units for sale over the tracked variants; null when no variant tracks stock */
  stock: number | null
}

/** Correlated per row, so sorting by price walks the variants(product_id) index, never the whole table. */
const MIN_PRICE_SQL = '(select min(v.price) from variants v where v.product_id = products.id)'

/**
 * Admin › Products. The page query reads only `products` (filtered and
 * sorted on indexed columns, 50 rows); the total is a separate count
 * without ordering; variant counts, lowest prices, tags, main pictures and
 * stock of the 50 rows come from a few queries by product id (stock from the
 * InventoryPort), never one per row.
 */
export async function listAdminProducts(filters: ProductFilters, baseUrl: string) {
  const page = filters.page ?? 1
  const filtered = () => applyFilters(db.from('products'), filters)

  const [countRow] = await filtered().count('* as total')
  const total = Number(countRow?.total ?? 0)

  const query = filtered().select('id', 'title', 'handle', 'status', 'vendor', 'product_type', 'updated_at')
  const sort = filters.sort ?? '-updated'
  const direction = sort.startsWith('-') ? 'desc' : 'asc'
  const column = sort.replace('-', '')
  if (column === 'title') query.orderBy('title', direction)
  else if (column === 'price') query.orderByRaw(`${MIN_PRICE_SQL} ${direction}`)
  else query.orderBy('updated_at', direction)
  query.orderBy('id', direction)

  const rows = await query.offset((page - 1) * PRODUCTS_PER_PAGE).limit(PRODUCTS_PER_PAGE)
  const ids = rows.map((row) => Number(row.id))
  const [stats, tags] = ids.length
    ? await Promise.all([
        db
          .from('variants')
          .select('product_id')
          .count('* as variants_count')
          .min('price as min_price')
          .min('currency as currency')
          .whereIn('product_id', ids)
          .groupBy('product_id'),
        db.from('product_tags').select('product_id', 'tag').whereIn('product_id', ids).orderBy('tag'),
      ])
    : [[], []]

  const [thumbs, stock] = await Promise.all([mainPictures(ids), stockPerProduct(ids)])
  const statsById = new Map(stats.map((row) => [Number(row.product_id), row]))
  const tagsById = new Map<number, string[]>()
  for (const row of tags) tagsById.set(Number(row.product_id), [...(tagsById.get(Number(row.product_id)) ?? []), row.tag])

  const items: AdminProductRow[] = rows.map((row) => {
    const stat = statsById.get(Number(row.id))
    return {
      id: Number(row.id),
      title: row.title,
      handle: row.handle,
      status: row.status,
      vendor: row.vendor,
      productType: row.product_type,
      updatedAt: row.updated_at instanceof Date ? row.updated_at.toISOString() : String(row.updated_at),
      variantsCount: Number(stat?.variants_count ?? 0),
      minPrice: stat?.min_price === null || stat?.min_price === undefined ? null : Number(stat.min_price),
      currency: stat?.currency ?? storeCurrency,
      tags: tagsById.get(Number(row.id)) ?? [],
      thumb: thumbs.get(Number(row.id)) ?? null,
      stock: stock.get(Number(row.id)) ?? null,
    }
  })

  const paginator = new SimplePaginator(total, PRODUCTS_PER_PAGE, page, ...items)
  const { page: _page, ...kept } = filters
  paginator.baseUrl(baseUrl).queryString(kept)
  return paginator
}

/** The first shown picture of each product (lowest position), as a small WebP URL. */
async function mainPictures(productIds: number[]) {
  const thumbs = new Map<number, string>()
  if (!productIds.length) return thumbs
  const images = await ProductImage.query().whereIn('product_id', productIds).orderBy('position').orderBy('id')
  for (const image of images) {
    if (!thumbs.has(image.productId) && isDisplayable(image)) thumbs.set(image.productId, imageUrlAtLeast(image, 96))
  }
  return thumbs
}

/** Units for sale per product over its tracked variants (the inventory port decides what "for sale" is). */
async function stockPerProduct(productIds: number[]) {
  const stock = new Map<number, number>()
  if (!productIds.length) return stock
  const tracked = await db.from('variants').whereIn('product_id', productIds).where('track_inventory', true).select('id', 'product_id')
  if (!tracked.length) return stock
  const available = await (await app.container.make(InventoryPort)).available(tracked.map((row) => Number(row.id)))
  for (const row of tracked) {
    const productId = Number(row.product_id)
    stock.set(productId, (stock.get(productId) ?? 0) + (available.get(Number(row.id)) ?? 0))
  }
  return stock
}

/** Products whose title, handle or SKU matches, as the list's search box finds them (the command palette too). */
export function productsMatching(q: string) {
  return applyFilters(db.from('products'), { q } as ProductFilters)
}

function applyFilters(query: DatabaseQueryBuilderContract, filters: ProductFilters) {
  if (filters.status) query.where('status', filters.status)
  if (filters.vendor) query.where('vendor', filters.vendor)
  if (filters.type) query.where('product_type', filters.type)
  if (filters.tag) query.whereIn('id', db.from('product_tags').select('product_id').where('tag', filters.tag))
  if (filters.q) {
    const term = filters.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)
    // PostgreSQL: ILIKE can use the trigram index on title; SQLite's LIKE ignores ASCII case already.
    const like = runtime.database === 'pg' ? 'ilike' : 'like'
    query.where((search) => {
      search
        .whereRaw(`title ${like} ? escape '\\'`, [`%${term}%`])
        .orWhereRaw(`handle like ? escape '\\'`, [`%${term}%`])
        // SKUs match by prefix: staff type the start of a code, rarely its middle
        .orWhereIn('id', db.from('variants').select('product_id').whereRaw(`lower(sku) like ? escape '\\'`, [`${term}%`]))
    })
  }
  return query
}

/** How long the filter menus may be served from cache at most; product writes drop them sooner. */
const FILTER_CHOICES_TTL = '10m'

/**
 * Vendors, types and tags for the filter menus. Reading them means three
 * DISTINCT scans over whole tables (tens of ms at 50k products), so they
 * are cached under the catalog tags: every product create, edit, delete and
 * import drops them (see #catalog/catalog_cache), and the next view
 * rebuilds them once.
 */
export async function productFilterChoices(): Promise<ProductFilterChoices> {
  return cache.getOrSet({
    key: 'admin:product-filter-choices',
    ttl: FILTER_CHOICES_TTL,
    tags: [CATALOG_TAG, LISTING_TAG],
    factory: readProductFilterChoices,
  })
}

export interface ProductFilterChoices {
  vendors: string[]
  types: string[]
  tags: string[]
}

async function readProductFilterChoices(): Promise<ProductFilterChoices> {
  const [vendors, types, tags] = await Promise.all([
    db.from('products').distinct('vendor').whereNotNull('vendor').orderBy('vendor').limit(500),
    db.from('products').distinct('product_type').whereNotNull('product_type').orderBy('product_type').limit(500),
    db.from('product_tags').distinct('tag').orderBy('tag').limit(500),
  ])
  return {
    vendors: vendors.map((row) => row.vendor as string),
    types: types.map((row) => row.product_type as string),
    tags: tags.map((row) => row.tag as string),
  }
}
