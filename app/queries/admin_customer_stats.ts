import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { storeCurrency } from '#services/money'

/** Payment states in which the money reached the store (refunds are subtracted separately). */
export const PAID_STATUSES = ['paid', 'partially_refunded', 'refunded'] as const

const PAID = `orders.payment_status in (${PAID_STATUSES.map((status) => `'${status}'`).join(', ')})`

type CustomerIds = number[] | DatabaseQueryBuilderContract

function limitTo(query: DatabaseQueryBuilderContract, customerIds?: CustomerIds) {
  if (Array.isArray(customerIds)) query.whereIn('orders.customer_id', customerIds)
  else if (customerIds) query.whereIn('orders.customer_id', customerIds)
  return query
}

/**
 * Per customer: placed orders, paid orders, what paid orders brought in
 * (gross), what was refunded of them (succeeded refunds) and the last order
 * date, as SQL to join on `stats.customer_id`. Two grouped passes joined by
 * customer, one over orders and one over refunds: refunds are never joined
 * to orders row by row before grouping (an order's total would count once
 * per refund). Lifetime value is gross minus refunded; the average order is
 * lifetime value over paid orders. `customerIds` (a list or a subquery of
 * ids) limits both passes to those customers.
 */
export function customerStatsSql(customerIds?: CustomerIds) {
  const orders = limitTo(
    db
      .from('orders')
      .whereNotNull('orders.customer_id')
      .groupBy('orders.customer_id')
      .select('orders.customer_id')
      .select(db.raw('count(orders.placed_at) as orders_count'))
      .select(db.raw(`sum(case when ${PAID} then 1 else 0 end) as paid_count`))
      .select(db.raw(`sum(case when ${PAID} then orders.total else 0 end) as gross`))
      .select(db.raw('max(orders.placed_at) as last_order_at'))
      .select(db.raw('max(orders.currency) as currency')),
    customerIds
  ).toSQL()
  const refunds = limitTo(
    db
      .from('refunds')
      .join('orders', 'orders.id', 'refunds.order_id')
      .where('refunds.status', 'succeeded')
      .whereRaw(PAID)
      .whereNotNull('orders.customer_id')
      .groupBy('orders.customer_id')
      .select('orders.customer_id')
      .sum('refunds.amount as refunded'),
    customerIds
  ).toSQL()
  return {
    sql:
      'select order_totals.*, coalesce(refund_totals.refunded, 0) as refunded ' +
      `from (${orders.sql}) as order_totals left join (${refunds.sql}) as refund_totals on refund_totals.customer_id = order_totals.customer_id`,
    bindings: [...orders.bindings, ...refunds.bindings] as any[],
  }
}

export interface CustomerStats {
  ordersCount: number
  paidCount: number
  gross: number
  refunded: number
  lifetimeValue: number
  averageOrder: number
  lastOrderAt: string | null
  currency: string
}

/** Reads the stats columns (bigint sums arrive as strings on PostgreSQL). */
export function readStats(row: Record<string, any> | undefined, fallbackCurrency = storeCurrency): CustomerStats {
  const gross = Number(row?.gross ?? 0)
  const refunded = Number(row?.refunded ?? 0)
  const paidCount = Number(row?.paid_count ?? 0)
  const lifetimeValue = gross - refunded
  const last = row?.last_order_at ?? null
  return {
    ordersCount: Number(row?.orders_count ?? 0),
    paidCount,
    gross,
    refunded,
    lifetimeValue,
    averageOrder: paidCount ? Math.round(lifetimeValue / paidCount) : 0,
    lastOrderAt: last === null ? null : last instanceof Date ? last.toISOString() : String(last),
    currency: (row?.currency ?? fallbackCurrency).trim(),
  }
}
