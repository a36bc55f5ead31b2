import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { CollectionRule } from '#models/collection'
import { applyCollectionRules } from '#queries/collection_rules'
import { loadOrderSummary } from '#queries/order_summary_query'
import {
  OrdersReadPort,
  type OrderFact,
  type OrderFactKind,
  type OrderFactLine,
  type OrderSummary,
} from '#plugin_host/extension_points/orders'

/** The order timeline rows that are sales facts, per kind (see order_transitions). */
export const FACT_TYPES: Record<OrderFactKind, string> = {
  paid: 'payment_paid',
  refunded: 'payment_refunded',
  cancelled: 'order_cancelled',
}

/** An order's shipping country in SQL: upper-case alpha-2, "ZZ" when missing or malformed. */
function countrySql(client: QueryClientContract) {
  const raw =
    client.dialect.name === 'postgres'
      ? "UPPER(TRIM(o.shipping_address->>'countryCode'))"
      : "UPPER(TRIM(json_extract(o.shipping_address, '$.countryCode')))"
  return `CASE WHEN LENGTH(${raw}) = 2 THEN ${raw} ELSE 'ZZ' END`
}

/** A refund's amount, kept in its timeline row's JSON data. */
function refundAmountSql(client: QueryClientContract, event = 'e') {
  return client.dialect.name === 'postgres'
    ? `CAST(${event}.data->>'amount' AS BIGINT)`
    : `CAST(json_extract(${event}.data, '$.amount') AS INTEGER)`
}

/**
 * A line's net sales in SQL: what it sold for after its discount share,
 * tax taken out. `order_lines.total` is what the shopper was charged for the
 * line (unit price × quantity − discount share, plus the tax when prices
 * exclude it) and `tax_amount` is the tax on it, added or contained, so
 * `total − tax_amount` is the net figure whichever way the store prices.
 * The one home of "net sales" (docs/analytics.md, Figures).
 */
export function lineNetSalesSql(line: string) {
  return `(${line}.total - ${line}.tax_amount)`
}

/** An order's net sales in SQL: its lines' net sales summed. */
function orderNetSalesSql(order: string) {
  return `(SELECT CAST(COALESCE(SUM(${lineNetSalesSql('n')}), 0) AS BIGINT) FROM order_lines n WHERE n.order_id = ${order}.id)`
}

/**
 * A refund's returns in SQL: the part of it that takes back net sales.
 * Refunds are amounts, not items, so each takes back net sales in the
 * order's proportion (net sales / total), counted on the running sum of the
 * order's refunds so that rounding never drifts: refunds adding up to the
 * total take back exactly the order's net sales.
 */
function refundReturnsSql(client: QueryClientContract) {
  const refundedUpTo = (comparison: '<=' | '<') =>
    `(SELECT CAST(COALESCE(SUM(${refundAmountSql(client, 'r')}), 0) AS BIGINT) FROM order_events r WHERE r.order_id = e.order_id AND r.type = e.type AND r.id ${comparison} e.id)`
  const net = orderNetSalesSql('o')
  return `CASE WHEN o.total > 0 THEN (${refundedUpTo('<=')} * ${net}) / o.total - (${refundedUpTo('<')} * ${net}) / o.total ELSE 0 END`
}

/** A timestamp as the driver returns it: a Date (pg) or Lucid's SQLite text in local time. */
function instant(value: Date | string) {
  return value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
}

/**
 * The core side of OrdersReadPort: sales facts from `order_events`,
 * `orders` and `order_lines`, collection membership from the catalog.
 * The only place that knows how a timeline row becomes a fact.
 */
export class OrderFactsQuery extends OrdersReadPort {
  factsQuery(client: QueryClientContract = db.connection()) {
    const kind = `CASE e.type ${Object.entries(FACT_TYPES)
      .map(([name, type]) => `WHEN '${type}' THEN '${name}'`)
      .join(' ')} END`
    return client
      .from('order_events as e')
      .join('orders as o', 'o.id', 'e.order_id')
      .whereIn('e.type', Object.values(FACT_TYPES))
      .select('e.id as fact_id', 'e.order_id', 'e.created_at as occurred_at')
      .select('o.currency', 'o.subtotal', 'o.discount_total', 'o.shipping_total', 'o.tax_total', 'o.total')
      .select('o.customer_id', 'o.email')
      .select(client.raw(`${kind} as kind`))
      .select(client.raw(`CASE WHEN e.type = ? THEN ${refundAmountSql(client)} ELSE 0 END as amount`, [FACT_TYPES.refunded]))
      .select(client.raw(`CASE WHEN e.type = ? THEN ${refundReturnsSql(client)} ELSE 0 END as returns`, [FACT_TYPES.refunded]))
      .select(client.raw(`${orderNetSalesSql('o')} as net_sales`))
      .select(
        client.raw(
          'CASE WHEN EXISTS (SELECT 1 FROM order_events p WHERE p.order_id = e.order_id AND p.type = ?) THEN 1 ELSE 0 END as was_paid',
          [FACT_TYPES.paid]
        )
      )
      .select(client.raw('(SELECT COALESCE(SUM(u.quantity), 0) FROM order_lines u WHERE u.order_id = o.id) as units'))
      .select(client.raw(`${countrySql(client)} as shipping_country`))
  }

  factLinesQuery(client: QueryClientContract = db.connection()) {
    return client
      .from('order_lines as l')
      .select('l.order_id', 'l.title', 'l.variant_title', 'l.quantity')
      .select(client.raw('COALESCE(l.product_id, 0) as product_id'))
      .select(client.raw('COALESCE(l.variant_id, 0) as variant_id'))
      .select(client.raw(`${lineNetSalesSql('l')} as revenue`))
  }

  async orderFacts(orderId: number, kind: OrderFactKind, client: QueryClientContract = db.connection()): Promise<OrderFact[]> {
    const rows = await this.factsQuery(client).where('e.order_id', orderId).where('e.type', FACT_TYPES[kind]).orderBy('e.id')
    if (!rows.length) return []
    const lines: OrderFactLine[] =
      kind === 'paid'
        ? (await this.factLinesQuery(client).where('l.order_id', orderId).orderBy('l.id')).map((line) => ({
            productId: Number(line.product_id),
            variantId: Number(line.variant_id),
            title: String(line.title),
            variantTitle: line.variant_title ? String(line.variant_title) : null,
            quantity: Number(line.quantity),
            revenue: Number(line.revenue),
          }))
        : []
    return rows.map((row) => ({
      id: Number(row.fact_id),
      kind,
      occurredAt: instant(row.occurred_at),
      amount: Number(row.amount ?? 0),
      returns: Number(row.returns ?? 0),
      wasPaid: Number(row.was_paid) === 1,
      order: {
        id: Number(row.order_id),
        currency: String(row.currency).trim(),
        subtotal: Number(row.subtotal),
        discountTotal: Number(row.discount_total),
        shippingTotal: Number(row.shipping_total),
        taxTotal: Number(row.tax_total),
        total: Number(row.total),
        netSales: Number(row.net_sales),
        units: Number(row.units),
        customerId: row.customer_id === null ? null : Number(row.customer_id),
        email: String(row.email),
        shippingCountry: String(row.shipping_country),
      },
      lines,
    }))
  }

  /** The order's money as pages and emails show it (the one presenter, #queries/order_summary_query). */
  orderSummary(orderId: number, client: QueryClientContract = db.connection()): Promise<OrderSummary | null> {
    return loadOrderSummary(orderId, client)
  }

  /** Manual collections by their product list, smart ones by the catalog's own rule matcher (one query each). */
  async collectionsOf(productIds: number[], client: QueryClientContract = db.connection()) {
    const ids = [...new Set(productIds.filter(Boolean))]
    const memberships = new Map<number, Array<{ id: number; title: string }>>()
    if (!ids.length) return memberships
    const add = (productId: number, collection: { id: number; title: string }) => {
      memberships.set(productId, [...(memberships.get(productId) ?? []), collection])
    }
    const manual = await client
      .from('collection_products as cp')
      .join('collections as c', 'c.id', 'cp.collection_id')
      .where('c.kind', 'manual')
      .whereIn('cp.product_id', ids)
      .select('cp.product_id', 'c.id', 'c.title')
    for (const row of manual) add(Number(row.product_id), { id: Number(row.id), title: String(row.title) })
    const smart = await client.from('collections').where('kind', 'smart').select('id', 'title', 'rules')
    for (const collection of smart) {
      const rules = (typeof collection.rules === 'string' ? JSON.parse(collection.rules) : collection.rules) as CollectionRule[] | null
      if (!rules?.length) continue
      const members = await applyCollectionRules(client.from('products').whereIn('products.id', ids), rules).select('products.id')
      for (const member of members) add(Number(member.id), { id: Number(collection.id), title: String(collection.title) })
    }
    return memberships
  }
}
