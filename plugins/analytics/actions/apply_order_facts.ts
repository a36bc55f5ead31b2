import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OrderEvent from '#models/order_event'
import { dbTimestamp } from '#services/db_time'
import { storeDay } from '../store_clock.js'
import { addCustomerOrder, addCustomerValue, customerKey } from './customer_facts.js'
import { addToDailyCollections } from './collection_facts.js'
import {
  addToDailyCountries,
  addToDailyProducts,
  addToDailySales,
  shippingCountry,
  FACT_TYPES,
  type FactKind,
  type ProductIncrement,
} from './rollup_columns.js'

/**
 * Counts an order's facts of one kind in the daily rollups, each at most
 * once: for every matching order timeline row (payment_paid for OrderPaid,
 * each payment_refunded for OrderRefunded, order_cancelled for
 * OrderCancelled) it inserts the applied-event row and the increments in
 * one transaction, and skips rows already applied. So a redelivered or
 * replayed event, or one the rebuild already counted, changes nothing, and
 * events arriving out of order still land on their own days.
 *
 * Answers how many facts were newly counted.
 */
export async function applyOrderFacts(orderId: number, kind: FactKind, outboxEventId: number | null = null) {
  const facts = await OrderEvent.query().where('order_id', orderId).where('type', FACT_TYPES[kind]).orderBy('id')
  let applied = 0
  for (const fact of facts) {
    if (await db.transaction((trx) => applyFact(trx, fact, kind, outboxEventId))) applied += 1
  }
  return applied
}

async function applyFact(trx: TransactionClientContract, fact: OrderEvent, kind: FactKind, outboxEventId: number | null) {
  const order = await trx.from('orders').where('id', fact.orderId).first()
  if (!order) return false
  // A cancellation is a sale undone only when the sale was counted: unpaid orders that expire are not sales.
  if (kind === 'cancelled') {
    const paid = await trx.from('order_events').where('order_id', fact.orderId).where('type', FACT_TYPES.paid).first()
    if (!paid) return false
  }

  const day = storeDay(fact.createdAt)
  const claimed = await trx
    .table('analytics_applied_events')
    .insert({ order_event_id: fact.id, kind, day, outbox_event_id: outboxEventId, created_at: dbTimestamp(trx) })
    .knexQuery.onConflict('order_event_id')
    .ignore()
    .returning('id')
  if (!claimed.length) return false

  const currency = String(order.currency).trim()
  if (kind === 'paid') {
    const lines = await trx.from('order_lines').where('order_id', order.id)
    const total = Number(order.total)
    await addToDailySales(trx, day, currency, {
      orders: 1,
      gross_sales: Number(order.subtotal),
      discounts: Number(order.discount_total),
      shipping: Number(order.shipping_total),
      tax: Number(order.tax_total),
      total_sales: total,
      net_sales: total,
      units: lines.reduce((sum, line) => sum + Number(line.quantity), 0),
    })
    const sold = perVariant(lines)
    await addToDailyProducts(trx, day, currency, sold)
    await addToDailyCollections(trx, sold.map((line) => ({ day, currency, ...line })))
    await addToDailyCountries(trx, day, currency, shippingCountry(order.shipping_address), { orders: 1, total_sales: total })
    await addCustomerOrder(trx, customerKey(order.customer_id, order.email), day, currency, total)
  } else if (kind === 'refunded') {
    const amount = Number((fact.data as { amount?: number } | null)?.amount ?? 0)
    await addToDailySales(trx, day, currency, { refunds: amount, net_sales: -amount })
    await addToDailyCountries(trx, day, currency, shippingCountry(order.shipping_address), { refunds: amount })
    await addCustomerValue(trx, customerKey(order.customer_id, order.email), currency, -amount, 0)
  } else {
    await addToDailySales(trx, day, currency, { cancelled_orders: 1 })
  }
  return true
}

/** An order's lines summed per (product, variant); deleted ones become 0. */
function perVariant(lines: any[]): ProductIncrement[] {
  const byKey = new Map<string, ProductIncrement>()
  for (const line of lines) {
    const productId = Number(line.product_id ?? 0)
    const variantId = Number(line.variant_id ?? 0)
    const key = `${productId}:${variantId}`
    const variantTitle = line.variant_title ? String(line.variant_title) : null
    const entry = byKey.get(key) ?? { productId, variantId, title: String(line.title), variantTitle, units: 0, revenue: 0 }
    entry.units += Number(line.quantity)
    entry.revenue += Number(line.total) - Number(line.discount_amount ?? 0)
    byKey.set(key, entry)
  }
  return [...byKey.values()]
}
