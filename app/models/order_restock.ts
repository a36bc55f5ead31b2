import app from '@adonisjs/core/services/app'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import OrderEvent from '#models/order_event'
import type Order from '#models/order'
import { dbTimestamp, affectedRows } from '#services/db_time'

/** A line would be restocked beyond what was ordered. */
export class OverRestockError extends Error {
  code = 'E_OVER_RESTOCK'
  constructor(readonly orderLineId: number) {
    super(`Line ${orderLineId} cannot take back that many units`)
  }
}

export interface RestockLine {
  orderLineId: number
  quantity: number
}

const positive = (lines: RestockLine[]) => lines.filter((line) => line.quantity > 0)

/**
 * Claims units of an order's lines for restocking: each line's
 * `restocked_quantity` moves with a conditional update
 * (`restocked_quantity + n <= quantity`), so the same unit is never
 * restocked twice, even by two staff members at once. Throws
 * OverRestockError (the caller's transaction then rolls back).
 */
export async function claimRestock(orderId: number, lines: RestockLine[], trx: TransactionClientContract) {
  const now = dbTimestamp(trx)
  for (const line of positive(lines)) {
    const updated = await trx
      .from('order_lines')
      .where('id', line.orderLineId)
      .where('order_id', orderId)
      .whereRaw('restocked_quantity + ? <= quantity', [line.quantity])
      .update({ restocked_quantity: trx.knexRawQuery('restocked_quantity + ?', [line.quantity]), updated_at: now })
    if (affectedRows(updated) !== 1) throw new OverRestockError(line.orderLineId)
  }
}

/** Gives back a claim whose refund did not happen. */
export async function unclaimRestock(orderId: number, lines: RestockLine[], trx: TransactionClientContract) {
  const now = dbTimestamp(trx)
  for (const line of positive(lines)) {
    await trx
      .from('order_lines')
      .where('id', line.orderLineId)
      .where('order_id', orderId)
      .update({ restocked_quantity: trx.knexRawQuery('restocked_quantity - ?', [line.quantity]), updated_at: now })
  }
}

/**
 * Puts claimed units back on hand through the inventory port (ledger
 * reason `return`) and notes it on the order's timeline. Lines whose
 * variant is gone put nothing back. Answers what was restocked.
 */
export async function putBackOnHand(order: Order, lines: RestockLine[], actor: string, trx: TransactionClientContract) {
  const wanted = positive(lines)
  if (!wanted.length) return []
  const inventory = await app.container.make(InventoryPort)
  const rows = await trx.from('order_lines').whereIn('id', wanted.map((line) => line.orderLineId)).select('id', 'variant_id')
  const variants = new Map(rows.map((row) => [Number(row.id), row.variant_id ? Number(row.variant_id) : null]))
  const done: Array<RestockLine & { variantId: number | null }> = []
  for (const line of wanted) {
    const variantId = variants.get(line.orderLineId) ?? null
    if (variantId) {
      await inventory.adjust({ variantId, delta: line.quantity, reason: 'return', actor, reference: `order #${order.number}` }, trx)
    }
    done.push({ ...line, variantId })
  }
  await OrderEvent.create({ orderId: order.id, type: 'items_restocked', data: { lines: done }, actor }, { client: trx })
  return done
}

/** Claim and put back in one go, in the caller's transaction (cancellation). */
export async function restockOrderLines(order: Order, lines: RestockLine[], actor: string, trx: TransactionClientContract) {
  await claimRestock(order.id, lines, trx)
  return putBackOnHand(order, lines, actor, trx)
}
