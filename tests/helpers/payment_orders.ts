import db from '@adonisjs/lucid/services/db'
import { pendingOrder } from '#tests/helpers/admin_orders'

/**
 * An unpaid order of `quantity` units of a fresh variant with 10 in stock,
 * its stock reserved as checkout would (see pendingOrder), so these tests
 * do not depend on the place-order action.
 */
export async function createPendingOrder(options: { unitPrice?: number; quantity?: number } = {}) {
  const { order, variants } = await pendingOrder({ lines: [{ quantity: options.quantity ?? 2, unitPrice: options.unitPrice ?? 2500 }] })
  return { order, variant: variants[0] }
}

/** on_hand and reserved of a variant over all locations. */
export async function stockOf(variantId: number) {
  const [row] = await db
    .from('inventory_levels')
    .where('variant_id', variantId)
    .sum('on_hand as onHand')
    .sum('reserved as reserved')
  return { onHand: Number(row.onHand ?? 0), reserved: Number(row.reserved ?? 0) }
}

export async function orderEventTypes(orderId: number) {
  const rows = await db.from('order_events').where('order_id', orderId).orderBy('id')
  return rows.map((row) => row.type as string)
}
