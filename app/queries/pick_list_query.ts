import db from '@adonisjs/lucid/services/db'
import { unitsToShipSql, whereShippable } from '#models/order_rules'

export interface PickListEntry {
  sku: string
  title: string
  quantity: number
  orders: Array<{ id: number; number: number; quantity: number }>
}

/**
 * What to take off the shelves for some orders: every unit still to ship
 * (the ship rule: orders that may ship, and per line what is neither
 * shipped nor refunded and put back on hand), summed per SKU (or title,
 * for lines without one), sorted by SKU so the picker walks the aisles
 * once, with the orders each item goes to. The admin's pick list page and
 * `stockroom fulfill --pick-list` both print this.
 */
export async function pickList(orderIds: number[]) {
  const rows = orderIds.length
    ? await db
        .from('order_lines')
        .join('orders', 'orders.id', 'order_lines.order_id')
        .whereIn('order_lines.order_id', whereShippable(db.from('orders').whereIn('orders.id', orderIds)).select('orders.id'))
        .whereRaw(`${unitsToShipSql()} > 0`)
        .orderBy('orders.id')
        .orderBy('order_lines.id')
        .select(
          'orders.id as order_id',
          'orders.number',
          'order_lines.sku',
          'order_lines.title',
          'order_lines.variant_title',
          db.raw(`${unitsToShipSql()} as remaining`)
        )
    : []
  const bySku = new Map<string, PickListEntry>()
  const unitsByOrder = new Map<number, number>()
  for (const row of rows) {
    const title = [row.title, row.variant_title && row.variant_title !== 'Default' ? row.variant_title : null].filter(Boolean).join(' — ')
    const key = row.sku ?? title
    const entry: PickListEntry = bySku.get(key) ?? { sku: row.sku ?? '', title, quantity: 0, orders: [] }
    const remaining = Number(row.remaining)
    entry.quantity += remaining
    entry.orders.push({ id: Number(row.order_id), number: Number(row.number), quantity: remaining })
    bySku.set(key, entry)
    unitsByOrder.set(Number(row.order_id), (unitsByOrder.get(Number(row.order_id)) ?? 0) + remaining)
  }
  const entries = [...bySku.values()].sort((a, b) => a.sku.localeCompare(b.sku) || a.title.localeCompare(b.title))
  const orders = [...new Map(rows.map((row) => [Number(row.order_id), Number(row.number)])).entries()].map(([id, number]) => ({
    id,
    number,
    units: unitsByOrder.get(id) ?? 0,
  }))
  return { entries, orders, units: entries.reduce((sum, entry) => sum + entry.quantity, 0) }
}

export type PickList = Awaited<ReturnType<typeof pickList>>
