import db from '@adonisjs/lucid/services/db'

export interface LowStockRow {
  variantId: number
  productId: number
  productTitle: string
  variantTitle: string
  sku: string | null
  available: number
  threshold: number
  since: string
}

/** How many variants are at or below their low-stock threshold (one indexed count: the nav badge). */
export async function lowStockCount(): Promise<number> {
  const row = await db.from('low_stock_alerts').count('* as total').first()
  return Number(row?.total ?? 0)
}

/**
 * The variants whose stock alert is raised, the least stock (when the alert
 * fired) first, each with its sellable stock now. Two queries a page (the
 * alerts with their variant and product, then the levels of those
 * variants): no query per row.
 */
export async function lowStockVariants(page: number, perPage = 50) {
  const total = await lowStockCount()
  const rows = await db
    .from('low_stock_alerts as alerts')
    .join('variants', 'variants.id', 'alerts.variant_id')
    .join('products', 'products.id', 'variants.product_id')
    .select(
      'alerts.variant_id',
      'alerts.threshold',
      'alerts.created_at',
      'variants.product_id',
      'variants.title as variant_title',
      'variants.sku',
      'products.title as product_title'
    )
    .orderBy('alerts.available')
    .orderBy('alerts.variant_id')
    .limit(perPage)
    .offset((page - 1) * perPage)
  const available = new Map<number, number>()
  if (rows.length) {
    const levels = await db
      .from('inventory_levels')
      .whereIn('variant_id', rows.map((row) => row.variant_id))
      .groupBy('variant_id')
      .select('variant_id')
      .select(db.raw('sum(on_hand - reserved) as available'))
    for (const level of levels) available.set(Number(level.variant_id), Number(level.available))
  }

  const items: LowStockRow[] = rows.map((row) => ({
    variantId: Number(row.variant_id),
    productId: Number(row.product_id),
    productTitle: row.product_title,
    variantTitle: row.variant_title,
    sku: row.sku,
    available: available.get(Number(row.variant_id)) ?? 0,
    threshold: Number(row.threshold),
    since: String(row.created_at),
  }))
  return { items, total, page, lastPage: Math.max(1, Math.ceil(total / perPage)) }
}
