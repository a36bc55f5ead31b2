/** The three status columns of an order and their values (DESIGN.md, "Orders"); the transition table moves them. */
export const ORDER_STATUSES = ['pending', 'open', 'completed', 'cancelled'] as const
export const PAYMENT_STATUSES = ['pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'failed', 'voided'] as const
export const FULFILLMENT_STATUSES = ['unfulfilled', 'partially_fulfilled', 'fulfilled', 'delivered'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number]

/**
 * The order rules every layer shares: which payment states mean what, and
 * whether (and how much of) an order may ship. Core, the CLI, queries,
 * views' data and plugins import them from here (or through the statics
 * and getters on the `Order` model), never retype a status list.
 *
 * Two payment meanings, named apart because they answer different questions:
 * - `SALE_PAYMENT_STATUSES` (paid, partially_refunded, refunded): money was
 *   captured at some point, so the order counts as a sale. Reports count
 *   its total and subtract refunds separately; emails and pages say "paid".
 * - `HELD_PAYMENT_STATUSES` (paid, partially_refunded): captured money is
 *   still (at least partly) held. Only such an order ships, completes, or
 *   needs a refund before it can be cancelled.
 */
export const SALE_PAYMENT_STATUSES = ['paid', 'partially_refunded', 'refunded'] as const satisfies readonly PaymentStatus[]

/** See the module comment: captured and not entirely given back. */
export const HELD_PAYMENT_STATUSES = ['paid', 'partially_refunded'] as const satisfies readonly PaymentStatus[]

/** Payment states of an order still waiting for its money (a declined attempt may be retried). */
export const AWAITING_PAYMENT_STATUSES = ['pending', 'failed'] as const satisfies readonly PaymentStatus[]

/** Fulfillment states with units possibly left to ship. */
export const OPEN_FULFILLMENT_STATUSES = ['unfulfilled', 'partially_fulfilled'] as const satisfies readonly FulfillmentStatus[]

type OrderState = { number?: number; status: OrderStatus; paymentStatus: PaymentStatus; fulfillmentStatus: FulfillmentStatus }

const saleStatuses: ReadonlySet<string> = new Set(SALE_PAYMENT_STATUSES)
const heldStatuses: ReadonlySet<string> = new Set(HELD_PAYMENT_STATUSES)
const openFulfillment: ReadonlySet<string> = new Set(OPEN_FULFILLMENT_STATUSES)

/** Money was captured at some point (refunded or not): the order counts as a sale. */
export function countsAsSale(order: Pick<OrderState, 'paymentStatus'>) {
  return saleStatuses.has(order.paymentStatus)
}

/** Captured money is still (at least partly) held: not refunded in full, not unpaid. */
export function holdsPayment(order: Pick<OrderState, 'paymentStatus'>) {
  return heldStatuses.has(order.paymentStatus)
}

/**
 * Why an order may not ship now, in words staff read, or null when it may:
 * it must be open (not pending, cancelled or completed), hold captured money
 * (a fully refunded order does not ship, whatever its lines say) and not be
 * fully shipped. Which units remain is the line rule, `unitsToShip`.
 */
export function shipRefusal(order: OrderState): string | null {
  const name = order.number === undefined ? 'This order' : `Order #${order.number}`
  if (order.paymentStatus === 'refunded') return `${name} was refunded in full; a refunded order does not ship`
  if (order.status === 'open' && !openFulfillment.has(order.fulfillmentStatus)) return `${name} is already fulfilled`
  if (order.status !== 'open' || !holdsPayment(order)) {
    return `${name} cannot be fulfilled while it is ${order.status} (payment ${order.paymentStatus})`
  }
  return null
}

/** Why this order cannot be packed now, or null when it can (for the action and the button): the ship rule's order half, in packing words. */
export function packRefusal(order: OrderState & { number: number }) {
  if (order.status === 'cancelled') return `Order #${order.number} is cancelled: there is nothing to pack.`
  if (order.paymentStatus === 'refunded') return `Order #${order.number} was refunded in full: there is nothing to pack.`
  if (!holdsPayment(order)) {
    return `Order #${order.number} is not paid (payment ${order.paymentStatus.replace(/_/g, ' ')}): pack it once it is.`
  }
  if (order.status !== 'open' || !openFulfillment.has(order.fulfillmentStatus)) {
    return `Order #${order.number} is already shipped: there is nothing left to pack.`
  }
  return null
}

/** The order-level half of "can this ship" (see shipRefusal); callers also need a line with units left. */
export function canShip(order: OrderState) {
  return shipRefusal(order) === null
}

/**
 * Units of a line still to ship: ordered, minus shipped, minus refunded
 * and put back on hand. A restocked unit is sellable stock again, so
 * shipping it for this order would leave the shelf one unit short of what
 * the ledger says; restocked units therefore count against the unshipped
 * ones first (the store does not record which unit a return was).
 */
export function unitsToShip(line: { quantity: number; fulfilledQuantity: number; restockedQuantity: number }) {
  return Math.max(0, Number(line.quantity) - Number(line.fulfilledQuantity) - Number(line.restockedQuantity))
}

/** `unitsToShip` in SQL over an `order_lines` row (optionally aliased). */
export function unitsToShipSql(table = 'order_lines') {
  return `(${table}.quantity - ${table}.fulfilled_quantity - ${table}.restocked_quantity)`
}

interface FilterableQuery {
  where(column: string, value: unknown): unknown
  whereIn(column: string, values: readonly unknown[]): unknown
  whereExists(callback: (query: any) => void): unknown
}

/**
 * Narrows an `orders` query (query builder or model query) to the orders
 * that may ship now: shipRefusal is null and some line has units to ship.
 * The SQL twin of canShip + unitsToShip, for selections, counts and lists.
 */
export function whereShippable<Query extends FilterableQuery>(query: Query, table = 'orders'): Query {
  query.where(`${table}.status`, 'open')
  query.whereIn(`${table}.payment_status`, HELD_PAYMENT_STATUSES)
  query.whereIn(`${table}.fulfillment_status`, OPEN_FULFILLMENT_STATUSES)
  query.whereExists((lines) => {
    lines
      .from('order_lines as shippable_lines')
      .whereRaw(`shippable_lines.order_id = ${table}.id`)
      .whereRaw(`${unitsToShipSql('shippable_lines')} > 0`)
      .select('shippable_lines.id')
  })
  return query
}
