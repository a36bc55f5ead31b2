import db from '@adonisjs/lucid/services/db'

export const HISTORY_PER_PAGE = 50

export interface StockMovementRow {
  id: number
  locationCode: string
  delta: number
  reason: string
  actor: string | null
  /** "Jane Doe" when the actor is a staff member who still exists */
  actorName: string | null
  reference: string | null
  onHandAfter: number
  createdAt: string
}

/** The variant with its product, and its stock per location now; null for an unknown variant. */
export async function variantStock(variantId: number) {
  const variant = await db
    .from('variants')
    .join('products', 'products.id', 'variants.product_id')
    .where('variants.id', variantId)
    .select('variants.id', 'variants.sku', 'variants.title', 'products.id as product_id', 'products.title as product_title')
    .first()
  if (!variant) return null
  const levels = await db
    .from('stock_locations as locations')
    .leftJoin('inventory_levels as levels', (join) => {
      join.on('levels.location_id', 'locations.id').andOnVal('levels.variant_id', variantId)
    })
    .select('locations.id', 'locations.code', 'locations.name', 'locations.is_active', 'levels.on_hand', 'levels.reserved')
    .orderBy([
      { column: 'locations.is_default', order: 'desc' },
      { column: 'locations.id', order: 'asc' },
    ])
  return {
    variant: {
      id: Number(variant.id),
      sku: variant.sku as string | null,
      title: variant.title as string,
      productId: Number(variant.product_id),
      productTitle: variant.product_title as string,
    },
    levels: levels
      // an inactive location stays listed while it still holds stock
      .filter((row) => Boolean(Number(row.is_active)) || Number(row.on_hand ?? 0) > 0)
      .map((row) => ({
        locationId: Number(row.id),
        code: row.code as string,
        name: row.name as string,
        isActive: Boolean(Number(row.is_active)),
        onHand: Number(row.on_hand ?? 0),
        reserved: Number(row.reserved ?? 0),
      })),
  }
}

/**
 * The variant's ledger, newest first, a page before the cursor (movement
 * ids only grow): who (staff resolved to a name in the same query), why,
 * how much and what was on hand after.
 */
export async function stockHistory(variantId: number, before?: number, perPage = HISTORY_PER_PAGE) {
  const query = db
    .from('inventory_movements as movements')
    .join('stock_locations as locations', 'locations.id', 'movements.location_id')
    // the ledger names staff as "staff:<id>" (the port's actor string)
    .joinRaw(`left join staff_users on movements.actor = 'staff:' || staff_users.id`)
    .where('movements.variant_id', variantId)
    .select(
      'movements.id',
      'movements.delta',
      'movements.reason',
      'movements.actor',
      'movements.reference',
      'movements.on_hand_after',
      'movements.created_at',
      'locations.code as location_code',
      'staff_users.full_name as staff_name',
      'staff_users.email as staff_email'
    )
    .orderBy('movements.id', 'desc')
    .limit(perPage + 1)
  if (before) query.where('movements.id', '<', before)
  const rows = await query
  const more = rows.length > perPage
  const items: StockMovementRow[] = rows.slice(0, perPage).map((row) => ({
    id: Number(row.id),
    locationCode: row.location_code,
    delta: Number(row.delta),
    reason: row.reason,
    actor: row.actor,
    actorName: row.staff_name || row.staff_email || null,
    reference: row.reference,
    onHandAfter: Number(row.on_hand_after),
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
  }))
  return { items, before: more ? items.at(-1)!.id : null }
}
