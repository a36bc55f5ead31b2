import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import type { LevelFilters } from '../validators/admin.js'

export const LEVELS_PER_PAGE = 50

export interface AdminLevelRow {
  variantId: number
  locationId: number
  productId: number
  productTitle: string
  variantTitle: string
  sku: string | null
  locationCode: string
  locationName: string
  onHand: number
  reserved: number
  available: number
  threshold: number | null
}

/**
 * Levels joined with their variant, product and location, filtered the way
 * the admin list filters them, in (variant, location) order: the key the
 * keyset pages walk, served by the unique index on inventory_levels.
 */
function levelsQuery(filters: Omit<LevelFilters, 'after'>) {
  const query = db
    .from('inventory_levels as levels')
    .join('variants', 'variants.id', 'levels.variant_id')
    .join('products', 'products.id', 'variants.product_id')
    .join('stock_locations as locations', 'locations.id', 'levels.location_id')
    .select(
      'levels.variant_id',
      'levels.location_id',
      'levels.on_hand',
      'levels.reserved',
      'levels.low_stock_threshold',
      'variants.sku',
      'variants.title as variant_title',
      'products.id as product_id',
      'products.title as product_title',
      'locations.code as location_code',
      'locations.name as location_name'
    )
    .orderBy('levels.variant_id')
    .orderBy('levels.location_id')
  if (filters.location) query.where('levels.location_id', filters.location)
  if (filters.low) query.whereIn('levels.variant_id', db.from('low_stock_alerts').select('variant_id'))
  if (filters.q) {
    const term = filters.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)
    const like = runtime.database === 'pg' ? 'ilike' : 'like'
    query.where((search) => {
      search
        .whereRaw(`lower(variants.sku) like ? escape '\\'`, [`${term}%`])
        .orWhereRaw(`products.title ${like} ? escape '\\'`, [`%${term}%`])
        .orWhereRaw(`variants.title ${like} ? escape '\\'`, [`%${term}%`])
    })
  }
  return query
}

function toRow(row: Record<string, any>): AdminLevelRow {
  const onHand = Number(row.on_hand)
  const reserved = Number(row.reserved)
  return {
    variantId: Number(row.variant_id),
    locationId: Number(row.location_id),
    productId: Number(row.product_id),
    productTitle: row.product_title,
    variantTitle: row.variant_title,
    sku: row.sku,
    locationCode: row.location_code,
    locationName: row.location_name,
    onHand,
    reserved,
    available: onHand - reserved,
    threshold: row.low_stock_threshold === null ? null : Number(row.low_stock_threshold),
  }
}

function afterKey(after: string | undefined) {
  if (!after) return null
  const [variantId, locationId] = after.split('-').map(Number)
  return { variantId, locationId }
}

/** One page of levels after the cursor, and the cursor of the next page when there is one. */
export async function listLevels(filters: LevelFilters, perPage = LEVELS_PER_PAGE) {
  const query = levelsQuery(filters).limit(perPage + 1)
  const after = afterKey(filters.after)
  if (after) {
    // row-value comparison: both databases walk the (variant_id, location_id) index from the cursor
    query.whereRaw('(levels.variant_id, levels.location_id) > (?, ?)', [after.variantId, after.locationId])
  }
  const rows = (await query).map(toRow)
  const more = rows.length > perPage
  const items = more ? rows.slice(0, perPage) : rows
  const last = items.at(-1)
  return { items, next: more && last ? `${last.variantId}-${last.locationId}` : null }
}

/** Every matching level, a batch at a time by keyset, for the CSV export. */
export async function* eachLevel(filters: Omit<LevelFilters, 'after'>, batch = 1000) {
  let cursor: string | undefined
  for (;;) {
    const page = await listLevels({ ...filters, after: cursor }, batch)
    yield* page.items
    if (!page.next) return
    cursor = page.next
  }
}

export interface AdminLocation {
  id: number
  code: string
  name: string
  isDefault: boolean
  isActive: boolean
  onHand: number
}

/** Every location with its on-hand total, the default first, inactive last. */
export async function adminLocations(): Promise<AdminLocation[]> {
  const rows = await db
    .from('stock_locations as locations')
    .leftJoin('inventory_levels as levels', 'levels.location_id', 'locations.id')
    .groupBy('locations.id', 'locations.code', 'locations.name', 'locations.is_default', 'locations.is_active')
    .select('locations.id', 'locations.code', 'locations.name', 'locations.is_default', 'locations.is_active')
    .select(db.raw('coalesce(sum(levels.on_hand), 0) as on_hand'))
    .orderBy([
      { column: 'locations.is_active', order: 'desc' },
      { column: 'locations.is_default', order: 'desc' },
      { column: 'locations.id', order: 'asc' },
    ])
  return rows.map((row) => ({
    id: Number(row.id),
    code: row.code,
    name: row.name,
    isDefault: Boolean(Number(row.is_default)),
    isActive: Boolean(Number(row.is_active)),
    onHand: Number(row.on_hand),
  }))
}
