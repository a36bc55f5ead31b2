import db from '@adonisjs/lucid/services/db'

export interface PickListEntry {
  sku: string
  title: string
  quantity: number
  orders: Array<{ id: number; number: number; quantity: number }>
}

/**
 * What to take off the shelves for some orders: every unit not yet shipped,
 * summed per SKU (or title, for lines without one), sorted by SKU so the
 * picker walks the aisles once, with the orders each item goes to.
 */
export async function pickList(orderIds: number[]) {
  const rows = await db
    .from('order_lines')
    .join('orders', 'orders.id', 'order_lines.order_id')
    .whereIn('order_lines.order_id', orderIds)
    .whereNot('orders.status', 'cancelled')
    .whereRaw('order_lines.quantity > order_lines.fulfilled_quantity')
    .orderBy('orders.id')
    .select(
      'orders.id as order_id',
      'orders.number',
      'order_lines.sku',
      'order_lines.title',
      'order_lines.variant_title',
      db.raw('order_lines.quantity - order_lines.fulfilled_quantity as remaining')
    )
  const bySku = new Map<string, PickListEntry>()
  for (const row of rows) {
    const title = [row.title, row.variant_title && row.variant_title !== 'Default' ? row.variant_title : null].filter(Boolean).join(' — ')
    const key = row.sku ?? title
    const entry: PickListEntry = bySku.get(key) ?? { sku: row.sku ?? '', title, quantity: 0, orders: [] }
    entry.quantity += Number(row.remaining)
    entry.orders.push({ id: Number(row.order_id), number: Number(row.number), quantity: Number(row.remaining) })
    bySku.set(key, entry)
  }
  const entries = [...bySku.values()].sort((a, b) => a.sku.localeCompare(b.sku) || a.title.localeCompare(b.title))
  const orders = [...new Map(rows.map((row) => [Number(row.order_id), Number(row.number)])).entries()].map(([id, number]) => ({ id, number }))
  return { entries, orders, units: entries.reduce((sum, entry) => sum + entry.quantity, 0) }
}
