import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/**
 * The sales facts of the order timeline: a payment taken, a refund, a
 * cancellation. Each is one timeline row, so its id is a stable key a
 * plugin can record to count a fact exactly once.
 */
export type OrderFactKind = 'paid' | 'refunded' | 'cancelled'

/** The order a fact belongs to, as it stands (totals never change once paid). Money in minor units. */
export interface OrderFactOrder {
  id: number
  currency: string
  subtotal: number
  discountTotal: number
  shippingTotal: number
  taxTotal: number
  total: number
  /**
   * The lines' net sales summed: what the goods sold for after discounts,
   * tax and shipping left out (each line's `total − tax_amount`).
   */
  netSales: number
  /** units over all lines */
  units: number
  customerId: number | null
  email: string
  /** ISO 3166 alpha-2, upper case; "ZZ" when the order ships nowhere */
  shippingCountry: string
}

/** One order line: what was sold, and its net sales. */
export interface OrderFactLine {
  /** 0 when the product was deleted since */
  productId: number
  /** 0 when the variant was deleted since */
  variantId: number
  title: string
  variantTitle: string | null
  quantity: number
  /**
   * The line's net sales, minor units: unit price × quantity minus its
   * discount share, tax left out (included or added, the same figure).
   */
  revenue: number
}

export interface OrderFact {
  /** the timeline row's id: unique per fact, stable forever */
  id: number
  kind: OrderFactKind
  occurredAt: DateTime
  /** the amount refunded for a `refunded` fact, else 0 */
  amount: number
  /**
   * For a `refunded` fact, the net sales it takes back (the refund's share
   * of goods, without its shipping and tax): the order's net sales / total
   * of the refund, on the running sum of the order's refunds, so a full
   * refund takes back exactly the order's net sales. Else 0.
   */
  returns: number
  /** whether the order has a `paid` fact (a cancellation undoes a sale only then) */
  wasPaid: boolean
  order: OrderFactOrder
  /** the order's lines, for a `paid` fact only (empty for the others) */
  lines: OrderFactLine[]
}

/**
 * OrdersReadPort: how plugins read orders (analytics, exports, webhooks)
 * without naming core's order tables. Live listeners hear `OrderPaid`,
 * `OrderRefunded` and `OrderCancelled` (payloads carry the order id) and
 * read that order's facts with `orderFacts`; historical work (a rebuild)
 * reads the same facts set-based through `factsQuery` and
 * `factLinesQuery`, whose columns are part of this contract:
 *
 * - `factsQuery`: one row per fact: `fact_id`, `order_id`, `kind`,
 *   `occurred_at`, `amount`, `returns`, `was_paid` (1 or 0), `currency`,
 *   `subtotal`, `discount_total`, `shipping_total`, `tax_total`, `total`,
 *   `net_sales`, `units`, `customer_id`, `email`, `shipping_country`: the
 *   fields of OrderFact.
 * - `factLinesQuery`: one row per order line: `order_id`, `product_id`,
 *   `variant_id` (0 when deleted), `title`, `variant_title`, `quantity`,
 *   `revenue` (the line's net sales).
 *
 * Both are query builders on `client` (a plugin's transaction) with
 * computed columns: use them as derived tables
 * (`client.from(orders.factsQuery(trx).as('f')).where('f.kind', 'paid')`,
 * or `(${query.toQuery()}) f` in raw SQL) to filter and join them to the
 * plugin's own tables.
 * Bound in the container (providers/stockroom_provider.ts): take it with
 * `app.container.make(OrdersReadPort)`.
 */
export abstract class OrdersReadPort {
  /** The facts of one kind of one order, oldest first, with the order and (for `paid`) its lines. */
  abstract orderFacts(orderId: number, kind: OrderFactKind, client?: QueryClientContract): Promise<OrderFact[]>

  /** Every fact, one row each (columns above). */
  abstract factsQuery(client?: QueryClientContract): DatabaseQueryBuilderContract

  /** Every order line (columns above), to join to `factsQuery` on `order_id`. */
  abstract factLinesQuery(client?: QueryClientContract): DatabaseQueryBuilderContract

  /**
   * The collections each product belongs to now (manual ones by their list,
   * smart ones by their rules), so sales can be summed per collection.
   * Products in none are absent from the map.
   */
  abstract collectionsOf(
    productIds: number[],
    client?: QueryClientContract
  ): Promise<Map<number, Array<{ id: number; title: string }>>>

  /** An order's money as pages and emails show it (lines, totals, refunds); null when the order does not exist. */
  abstract orderSummary(orderId: number, client?: QueryClientContract): Promise<OrderSummary | null>
}

/** An amount in minor units with its text in the order's currency ("$20.99"), formatted by `#services/money`. */
export interface MoneyText {
  amount: number
  text: string
}

/** One line of an order as every page and email shows it. */
export interface OrderSummaryLine {
  id: number
  title: string
  variantTitle: string | null
  sku: string | null
  quantity: number
  unitPrice: MoneyText
  /** unit price × quantity: what the line adds to the subtotal (see OrderSummary) */
  total: MoneyText
  /** this line's share of the order discount (amount 0 when none); already counted in the discount figure */
  discount: MoneyText
}

export type OrderFigureKey = 'subtotal' | 'discount' | 'shipping' | 'tax' | 'total' | 'refunded' | 'net'

/** One row under the lines: label and figure, in the order they are shown. */
export interface OrderFigure {
  key: OrderFigureKey
  label: string
  amount: number
  /** the figure as shown: discounts and refunds with a minus sign */
  text: string
}

/**
 * An order's money as every page and email shows it (core's presenter,
 * `#queries/order_summary_query`). The rule, the same everywhere:
 *
 * - a line's total is its unit price × quantity, at the prices the order
 *   was placed with (tax included when the store's prices include tax);
 * - the lines add up to the subtotal, exactly;
 * - total = subtotal − discount + shipping + tax (tax only when prices
 *   exclude it; "Tax included" is shown, never added);
 * - refunds are shown after the total, with what is left paid (`net`).
 *
 * Each line's share of the discount is there too (`line.discount`), for
 * pages that break it down; it is not taken off the line total.
 */
export interface OrderSummary {
  orderId: number
  currency: string
  taxesIncluded: boolean
  discountCode: string | null
  shippingMethod: string | null
  lines: OrderSummaryLine[]
  subtotal: MoneyText
  discount: MoneyText
  shipping: MoneyText
  tax: MoneyText
  total: MoneyText
  refunded: MoneyText
  /** total − refunded */
  net: MoneyText
  /** the rows under the lines, labelled: discount only when there is one, refunded and net only after a refund */
  figures: OrderFigure[]
}
