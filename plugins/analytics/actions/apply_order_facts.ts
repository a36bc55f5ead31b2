import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { OrdersReadPort, type OrderFact, type OrderFactLine } from '#plugin_host/extension_points/orders'
import { dbTimestamp } from '#services/db_time'
import { storeDay } from '../store_clock.js'
import { addCustomerOrder, addCustomerValue, customerKey } from '../rollups/customer_facts.js'
import { addToDailyCollections } from '../rollups/collection_facts.js'
import { addToDailyCountries, addToDailyProducts, addToDailySales, type FactKind, type ProductIncrement } from '../rollups/rollup_columns.js'

/**
 * Counts an order's facts of one kind in the daily rollups, each at most
 * once: for every fact the host's OrdersReadPort reports (the payment for
 * OrderPaid, each refund for OrderRefunded, the cancellation for
 * OrderCancelled) it inserts the applied-event row and the increments in
 * one transaction, and skips facts already applied. So a redelivered or
 * replayed event, or one the rebuild already counted, changes nothing, and
 * events arriving out of order still land on their own days.
 *
 * `handle` answers how many facts were newly counted.
 */
@inject()
export default class ApplyOrderFacts {
  constructor(private orders: OrdersReadPort) {}

  async handle(orderId: number, kind: FactKind, outboxEventId: number | null = null) {
    const facts = await this.orders.orderFacts(orderId, kind)
    let applied = 0
    for (const fact of facts) {
      if (await db.transaction((trx) => applyFact(trx, this.orders, fact, outboxEventId))) applied += 1
    }
    return applied
  }
}

async function applyFact(trx: TransactionClientContract, orders: OrdersReadPort, fact: OrderFact, outboxEventId: number | null) {
  // A cancellation is a sale undone only when the sale was counted: unpaid orders that expire are not sales.
  if (fact.kind === 'cancelled' && !fact.wasPaid) return false

  const day = storeDay(fact.occurredAt)
  const claimed = await trx
    .table('analytics_applied_events')
    .insert({ order_event_id: fact.id, kind: fact.kind, day, outbox_event_id: outboxEventId, created_at: dbTimestamp(trx) })
    .knexQuery.onConflict('order_event_id')
    .ignore()
    .returning('id')
  if (!claimed.length) return false

  const { order } = fact
  const customer = customerKey(order.customerId, order.email)
  if (fact.kind === 'paid') {
    await addToDailySales(trx, day, order.currency, {
      orders: 1,
      gross_sales: order.netSales + order.discountTotal,
      discounts: order.discountTotal,
      shipping: order.shippingTotal,
      tax: order.taxTotal,
      total_sales: order.total,
      net_sales: order.netSales,
      units: order.units,
    })
    const sold = perVariant(fact.lines)
    await addToDailyProducts(trx, day, order.currency, sold)
    await addToDailyCollections(trx, orders, sold.map((line) => ({ day, currency: order.currency, ...line })))
    await addToDailyCountries(trx, day, order.currency, order.shippingCountry, { orders: 1, total_sales: order.total, net_sales: order.netSales })
    await addCustomerOrder(trx, customer, day, order.currency, order.total)
  } else if (fact.kind === 'refunded') {
    await addToDailySales(trx, day, order.currency, { refunds: fact.amount, returns: fact.returns, net_sales: -fact.returns })
    await addToDailyCountries(trx, day, order.currency, order.shippingCountry, { refunds: fact.amount, net_sales: -fact.returns })
    await addCustomerValue(trx, customer, order.currency, -fact.amount, 0)
  } else {
    await addToDailySales(trx, day, order.currency, { cancelled_orders: 1 })
  }
  return true
}

/** An order's lines summed per (product, variant). */
function perVariant(lines: OrderFactLine[]): ProductIncrement[] {
  const byKey = new Map<string, ProductIncrement>()
  for (const line of lines) {
    const key = `${line.productId}:${line.variantId}`
    const entry = byKey.get(key) ?? { productId: line.productId, variantId: line.variantId, title: line.title, variantTitle: line.variantTitle, units: 0, revenue: 0 }
    entry.units += line.quantity
    entry.revenue += line.revenue
    byKey.set(key, entry)
  }
  return [...byKey.values()]
}
