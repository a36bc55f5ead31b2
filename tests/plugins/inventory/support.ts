import { randomBytes, randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ProductFactory } from '#database/factories/product_factory'
import { DatabaseInventory } from '#plugins/inventory/drivers/database_inventory'
import type { InventoryPolicy } from '#models/variant'
import { dbTimestamp } from '#services/db_time'

/** A bare order row to hang reservations on (reservations reference orders). */
export async function createOrder(trx?: TransactionClientContract) {
  const now = dbTimestamp(trx)
  const [row] = await (trx ?? db)
    .table('orders')
    .insert({
      number: randomInt(1_000_000, 2_000_000_000),
      public_token: randomBytes(24).toString('hex'),
      email: 'buyer@example.com',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

/** Variants of one new product, each with `stock` units at the default location. */
export async function stockedVariants(
  inventory: DatabaseInventory,
  stock: number[],
  variant: { trackInventory?: boolean; inventoryPolicy?: InventoryPolicy } = {}
) {
  const product = await ProductFactory.with('variants', stock.length, (variants) => variants.merge(variant)).create()
  for (const [index, quantity] of stock.entries()) {
    if (quantity) await inventory.adjust({ variantId: product.variants[index].id, delta: quantity, reason: 'received' })
  }
  return { product, ids: product.variants.map((row) => row.id) }
}

export async function level(variantId: number, locationId?: number) {
  const query = db.from('inventory_levels').where('variant_id', variantId)
  if (locationId) query.where('location_id', locationId)
  const rows = await query
  return {
    onHand: rows.reduce((sum, row) => sum + Number(row.on_hand), 0),
    reserved: rows.reduce((sum, row) => sum + Number(row.reserved), 0),
  }
}

export async function reservationsOf(orderId: number) {
  return db.from('reservations').where('order_id', orderId).orderBy('id')
}

/** Sum of the ledger's deltas for a variant: must equal its on-hand stock. */
export async function ledgerSum(variantId: number) {
  const row = await db.from('inventory_movements').where('variant_id', variantId).sum('delta as total').first()
  return Number(row?.total ?? 0)
}

export function inAnHour() {
  return new Date(Date.now() + 3_600_000)
}
