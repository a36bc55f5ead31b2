import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { SALE_PAYMENT_STATUSES } from '#models/order_rules'
import { storeCurrency } from '#services/money'
import { periodOf, reportBounds, type ReportGroup } from '#queries/operator_report_query'
import { daySql } from '#services/db_time'

/**
 * The one customer report: what customers bought and what they are worth,
 * for the admin's customer list and page and for `stockroom report
 * customers`. One definition of value everywhere:
 *
 * - an order counts when money was captured for it (order_rules'
 *   SALE_PAYMENT_STATUSES: paid, partially or fully refunded);
 * - its value is its total minus the refunds that succeeded on it;
 * - a customer's lifetime value is the sum of those over their orders, and
 *   the average order divides it by the orders that count.
 *
 * The CLI once ranked customers by order totals with refunds left in, so a
 * customer refunded in full still topped the report while the admin showed
 * them worth nothing; both now read the figures below.
 */

const SALE = `orders.payment_status in (${SALE_PAYMENT_STATUSES.map((status) => `'${status}'`).join(', ')})`

type CustomerIds = number[] | DatabaseQueryBuilderContract

export interface CustomerValueScope {
  /** these customers only (a list, or a subquery of ids) */
  customerIds?: CustomerIds
  /** orders in this currency only */
  currency?: string
  /** orders placed in [start, end) (timestamps as dbTimestamp writes them) */
  placed?: { start: string; end: string }
}

function scoped(query: DatabaseQueryBuilderContract, scope: CustomerValueScope) {
  if (Array.isArray(scope.customerIds)) query.whereIn('orders.customer_id', scope.customerIds)
  else if (scope.customerIds) query.whereIn('orders.customer_id', scope.customerIds)
  if (scope.currency) query.where('orders.currency', scope.currency)
  if (scope.placed) {
    query.whereRaw('coalesce(orders.placed_at, orders.created_at) >= ?', [scope.placed.start])
    query.whereRaw('coalesce(orders.placed_at, orders.created_at) < ?', [scope.placed.end])
  }
  return query
}

/**
 * Per customer: placed orders, orders that count as a sale, what those
 * brought in (gross), what was refunded of them (succeeded refunds) and the
 * last order date, as SQL to join on `stats.customer_id`. Two grouped
 * passes joined by customer, one over orders and one over refunds: refunds
 * are never joined to orders row by row before grouping (an order's total
 * would count once per refund).
 */
export function customerValueSql(scope: CustomerValueScope = {}) {
  const orders = scoped(
    db
      .from('orders')
      .whereNotNull('orders.customer_id')
      .groupBy('orders.customer_id')
      .select('orders.customer_id')
      .select(db.raw('count(orders.placed_at) as orders_count'))
      .select(db.raw(`sum(case when ${SALE} then 1 else 0 end) as paid_count`))
      .select(db.raw(`sum(case when ${SALE} then orders.total else 0 end) as gross`))
      .select(db.raw('max(orders.placed_at) as last_order_at'))
      .select(db.raw('max(orders.currency) as currency')),
    scope
  ).toSQL()
  const refunds = scoped(
    db
      .from('refunds')
      .join('orders', 'orders.id', 'refunds.order_id')
      .where('refunds.status', 'succeeded')
      .whereRaw(SALE)
      .whereNotNull('orders.customer_id')
      .groupBy('orders.customer_id')
      .select('orders.customer_id')
      .sum('refunds.amount as refunded'),
    scope
  ).toSQL()
  return {
    sql:
      'select order_totals.*, coalesce(refund_totals.refunded, 0) as refunded ' +
      `from (${orders.sql}) as order_totals left join (${refunds.sql}) as refund_totals on refund_totals.customer_id = order_totals.customer_id`,
    bindings: [...orders.bindings, ...refunds.bindings] as any[],
  }
}

export interface CustomerValue {
  ordersCount: number
  paidCount: number
  gross: number
  refunded: number
  lifetimeValue: number
  averageOrder: number
  lastOrderAt: string | null
  currency: string
}

/** Reads customerValueSql's columns (bigint sums arrive as strings on PostgreSQL). */
export function readCustomerValue(row: Record<string, any> | undefined, fallbackCurrency = storeCurrency): CustomerValue {
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

export interface CustomerPeriodRow {
  period: string
  newCustomers: number
  orderingCustomers: number
  /** ordering customers whose first counted order came before the period */
  returningCustomers: number
  orders: number
  /** minor units: counted orders of registered customers, minus their refunds */
  revenue: number
}

export interface TopCustomer {
  email: string
  name: string
  orders: number
  /** minor units: their lifetime value over the range (orders placed in it, minus refunds) */
  revenue: number
}

/**
 * Customers per period (`stockroom report customers`): sign-ups, customers
 * with orders that count, how many of them had such an order before the
 * period, their orders and revenue (order value as above, in `currency`,
 * placed in the period; guest orders count for no customer); plus the
 * customers worth most over the whole range, by the same value the admin
 * shows.
 */
export async function customerReport(from: string, to: string, group: ReportGroup, currency: string, top = 10) {
  const { start, end } = reportBounds(from, to)
  const placed = 'coalesce(o.placed_at, o.created_at)'
  const sale = SALE.replace('orders.', 'o.')
  const firstCounted = db
    .from('orders')
    .whereNotNull('customer_id')
    .whereRaw(SALE)
    .where('currency', currency)
    .groupBy('customer_id')
    .select('customer_id')
    .select(db.raw(`min(${daySql('coalesce(placed_at, created_at)')}) as first_day`))
  const refundsPerOrder = db.from('refunds').where('status', 'succeeded').groupBy('order_id').select('order_id').sum('amount as refunded')
  const orderRows = await db
    .from('orders as o')
    .joinRaw('join (' + firstCounted.toQuery() + ') f on f.customer_id = o.customer_id')
    .joinRaw('left join (' + refundsPerOrder.toQuery() + ') r on r.order_id = o.id')
    .whereRaw(sale)
    .where('o.currency', currency)
    .whereRaw(`${placed} >= ?`, [start])
    .whereRaw(`${placed} < ?`, [end])
    .select('o.customer_id', 'f.first_day')
    .select(db.raw(`${daySql(placed)} as day`))
    .select(db.raw('count(*) as orders'))
    .select(db.raw('sum(o.total - coalesce(r.refunded, 0)) as revenue'))
    .groupByRaw(`o.customer_id, f.first_day, ${daySql(placed)}`)
  const signUps = await db
    .from('customers')
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .select(db.raw(`${daySql('created_at')} as day`))
    .select(db.raw('count(*) as customers'))
    .groupByRaw(daySql('created_at'))

  const periods = new Map<string, CustomerPeriodRow & { ordering: Set<number>; returning: Set<number> }>()
  const periodRow = (period: string) => {
    let row = periods.get(period)
    if (!row) {
      row = { period, newCustomers: 0, orderingCustomers: 0, returningCustomers: 0, orders: 0, revenue: 0, ordering: new Set(), returning: new Set() }
      periods.set(period, row)
    }
    return row
  }
  for (const row of signUps) periodRow(periodOf(row.day, group)).newCustomers += Number(row.customers)
  for (const row of orderRows) {
    const period = periodOf(row.day, group)
    const total = periodRow(period)
    const id = Number(row.customer_id)
    total.ordering.add(id)
    if (row.first_day < period) total.returning.add(id)
    total.orders += Number(row.orders)
    total.revenue += Number(row.revenue)
  }
  const rows: CustomerPeriodRow[] = [...periods.values()]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map(({ ordering, returning, ...row }) => ({ ...row, orderingCustomers: ordering.size, returningCustomers: returning.size }))

  const value = customerValueSql({ currency, placed: { start, end } })
  const best = await db
    .from('customers as c')
    .joinRaw(`join (${value.sql}) as stats on stats.customer_id = c.id`, value.bindings)
    .where('stats.paid_count', '>', 0)
    .select('c.email', 'c.first_name', 'c.last_name', 'stats.*')
    .orderByRaw('(stats.gross - stats.refunded) desc, c.email asc')
    .limit(top)
  const topCustomers: TopCustomer[] = best.map((row) => {
    const figures = readCustomerValue(row, currency)
    return {
      email: row.email,
      name: [row.first_name, row.last_name].filter(Boolean).join(' '),
      orders: figures.paidCount,
      revenue: figures.lifetimeValue,
    }
  })
  return { rows, topCustomers }
}
