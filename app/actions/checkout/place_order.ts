import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import Order, { type OrderAddress } from '#models/order'
import OrderEvent from '#models/order_event'
import { recordEvent } from '#plugin_host/outbox'
import { dbTimestamp, affectedRows } from '#services/db_time'
import { InsufficientStockError, InventoryPort } from '#plugin_host/extension_points/inventory'
import type { PricedCart, PricedLine } from '#plugin_host/extension_points/pricing'
import PriceCart from '#actions/cart/price_cart'
import { claimDiscountUsage, DiscountUnavailableError } from '#pricing/discount_usage'
import { allocateOrderNumber } from '#models/order_number'
import FindOrCreateCustomer from '#actions/checkout/find_or_create_customer'
import { CheckoutChangedError, CheckoutOutOfStockError, EmptyCartError, type OutOfStockLine } from '#checkout/checkout_errors'

export interface PlaceOrderInput {
  cartId: number
  /** one per checkout submission (a hidden field of the review form): a second submit finds the first order */
  checkoutToken: string
  email: string
  /** the signed-in customer; guests get a customer row by email */
  customerId?: number | null
  shippingAddress: OrderAddress
  billingAddress?: OrderAddress | null
  shippingMethodId?: number | null
  /** overrides the code saved on the cart */
  discountCode?: string | null
  /** the total on the review the shopper confirmed; the order is refused when it differs */
  expectedTotal?: number | null
  /** "customer:5", "guest" */
  actor?: string
}

export interface PlaceOrderResult {
  order: Order
  /** false when this submission had already placed the order */
  created: boolean
}

/** Minutes an unpaid order holds its stock (CHECKOUT_RESERVATION_MINUTES, default 30). */
function reservationMinutes() {
  return env.get('CHECKOUT_RESERVATION_MINUTES') ?? 30
}

/**
 * Turns a cart into an order, in ONE transaction: the cart row is claimed
 * (so two submissions of one cart cannot both convert it), the cart is
 * priced again on the server through the transaction, and the order is
 * refused when that is not what the shopper reviewed. Then the order
 * number, the order with line snapshots, the discount use, the `placed`
 * event and `OrderPlaced`; the cart is deleted; stock is reserved last, so
 * the hot inventory row stays locked as briefly as possible. Any failure
 * (no stock, discount used up) rolls everything back: nothing is written.
 *
 * Throws CheckoutOutOfStockError, CheckoutChangedError or EmptyCartError.
 */
@inject()
export default class PlaceOrder {
  constructor(
    private inventory: InventoryPort,
    private priceCart: PriceCart,
    private findOrCreateCustomer: FindOrCreateCustomer
  ) {}

  async handle(input: PlaceOrderInput): Promise<PlaceOrderResult> {
    const previous = await Order.findBy('checkout_token', input.checkoutToken)
    if (previous) return { order: previous, created: false }

    // Outside the transaction: see FindOrCreateCustomer for why.
    const customerId =
      input.customerId ??
      (
        await this.findOrCreateCustomer.handle(input.email, {
          firstName: input.shippingAddress.firstName,
          lastName: input.shippingAddress.lastName,
        })
      ).id

    try {
      const order = await db.transaction((trx) => this.#placeInTransaction(input, customerId, trx))
      return { order, created: true }
    } catch (error) {
      // A concurrent submission with the same token won: answer with its order.
      if (error instanceof EmptyCartError || isUniqueViolation(error)) {
        const winner = await Order.findBy('checkout_token', input.checkoutToken)
        if (winner) return { order: winner, created: false }
      }
      throw error
    }
  }

  async #placeInTransaction(input: PlaceOrderInput, customerId: number, trx: TransactionClientContract) {
    // Claiming the cart row first serialises submissions of the same cart:
    // the second waits, then finds the cart gone.
    const cart = await claimCart(trx, input.cartId)
    if (!cart) throw new EmptyCartError()
    const cartLines = await trx.from('cart_lines').where('cart_id', input.cartId).orderBy('id')
    if (cartLines.length === 0) throw new EmptyCartError()

    const priced = await this.priceCart.handle({
      currency: cart.currency,
      lines: cartLines.map((line) => ({
        variantId: Number(line.variant_id),
        quantity: Number(line.quantity),
        unitPriceAtAdd: Number(line.unit_price_at_add),
      })),
      discountCode: input.discountCode !== undefined ? input.discountCode : (cart.discount_code ?? null),
      customerId,
      email: input.email,
      shippingAddress: {
        countryCode: input.shippingAddress.countryCode,
        region: input.shippingAddress.region ?? null,
        postalCode: input.shippingAddress.postalCode ?? null,
      },
      shippingMethodId: input.shippingMethodId ?? null,
      trx,
    })
    refuseWhenChanged(cartLines, priced, input)

    const placedAt = DateTime.utc()
    const expiresAt = placedAt.plus({ minutes: reservationMinutes() })
    const order = await createOrder(trx, input, customerId, priced, { placedAt, expiresAt })

    if (priced.discount) {
      try {
        await claimDiscountUsage({ discountId: priced.discount.id, orderId: order.id, customerId, email: order.email, trx })
      } catch (error) {
        if (error instanceof DiscountUnavailableError) {
          throw new CheckoutChangedError([`The code ${priced.discount.code} has reached its usage limit.`])
        }
        throw error
      }
    }

    const actor = input.actor ?? `customer:${customerId}`
    await OrderEvent.create(
      { orderId: order.id, type: 'placed', fromStatus: null, toStatus: 'pending', actor, data: { number: order.number } },
      { client: trx }
    )
    await recordEvent('OrderPlaced', { orderId: order.id }, trx)
    await trx.from('carts').where('id', input.cartId).delete()

    const reservation = priced.lines
      .filter((line) => line.quantity > 0)
      .map((line) => ({ variantId: line.variantId, quantity: line.quantity }))
      // one lock order for every checkout, so two multi-line orders never deadlock
      .sort((a, b) => a.variantId - b.variantId)
    try {
      await this.inventory.reserve(reservation, { orderId: order.id, expiresAt: expiresAt.toJSDate(), trx })
    } catch (error) {
      if (error instanceof InsufficientStockError) throw outOfStock(error, priced.lines)
      throw error
    }
    return order
  }
}

/** The order row with its line snapshots, priced as the shopper reviewed it. */
async function createOrder(
  trx: TransactionClientContract,
  input: PlaceOrderInput,
  customerId: number,
  priced: PricedCart,
  { placedAt, expiresAt }: { placedAt: DateTime; expiresAt: DateTime }
) {
  const order = await Order.create(
    {
      number: await allocateOrderNumber(trx),
      publicToken: randomBytes(24).toString('base64url'),
      checkoutToken: input.checkoutToken,
      customerId,
      email: input.email.trim().toLowerCase(),
      currency: priced.currency,
      status: 'pending',
      paymentStatus: 'pending',
      fulfillmentStatus: 'unfulfilled',
      subtotal: priced.subtotal,
      discountTotal: priced.discountTotal,
      shippingTotal: priced.shippingTotal,
      taxTotal: priced.taxTotal,
      total: priced.total,
      taxesIncluded: priced.taxIncluded,
      discountId: priced.discount?.id ?? null,
      discountCode: priced.discount?.code ?? null,
      shippingMethodId: priced.shippingMethod?.id ?? null,
      shippingMethodName: priced.shippingMethod?.name ?? null,
      shippingAddress: input.shippingAddress,
      billingAddress: input.billingAddress ?? input.shippingAddress,
      placedAt,
      expiresAt,
    },
    { client: trx }
  )
  // One multi-row insert for all lines (Lucid's createMany inserts row by row); nothing reads them back here.
  const stamped = dbTimestamp(trx)
  await trx
    .table('order_lines')
    .multiInsert(priced.lines.map((line) => ({ ...lineSnapshot(order.id, line), created_at: stamped, updated_at: stamped })))
  return order
}

/**
 * Claims the cart row (the update locks it until the transaction ends) and
 * answers it, or null when it is gone. PostgreSQL reads it back in the same
 * statement (RETURNING); SQLite reads it after, under its single writer.
 */
async function claimCart(trx: TransactionClientContract, cartId: number): Promise<Record<string, any> | null> {
  const values = { updated_at: dbTimestamp(trx) }
  if (trx.dialect.name === 'postgres') {
    const rows = await trx.from('carts').where('id', cartId).update(values, ['*'])
    return rows[0] ?? null
  }
  const claimed = await trx.from('carts').where('id', cartId).update(values)
  if (affectedRows(claimed) !== 1) return null
  return trx.from('carts').where('id', cartId).first()
}

/**
 * Stock that fell since the review is answered line by line; a different
 * total (price, discount, shipping or tax changed) sends the shopper back
 * to the review with the reasons.
 */
function refuseWhenChanged(cartLines: Array<Record<string, any>>, priced: PricedCart, input: PlaceOrderInput) {
  const short: OutOfStockLine[] = []
  for (const cartLine of cartLines) {
    const line = priced.lines.find((candidate) => candidate.variantId === Number(cartLine.variant_id))
    const requested = Number(cartLine.quantity)
    if (!line || line.quantity < requested) {
      short.push({
        variantId: Number(cartLine.variant_id),
        title: line ? lineTitle(line) : 'An item in your cart',
        requested,
        available: line ? line.quantity : 0,
      })
    }
  }
  if (short.length > 0) throw new CheckoutOutOfStockError(short)
  if (priced.lines.length === 0) throw new EmptyCartError()
  // A pricing step (an order minimum…) holds the cart back, whatever the shopper reviewed.
  const blocking = priced.messages.filter((message) => message.blocksCheckout)
  if (blocking.length > 0) throw new CheckoutChangedError(blocking.map((message) => message.text))

  if (input.expectedTotal !== undefined && input.expectedTotal !== null && priced.total !== input.expectedTotal) {
    const reasons = priced.messages.map((message) => message.text)
    throw new CheckoutChangedError(
      reasons.length > 0 ? reasons : ['The total changed since you reviewed your order. Check it and place the order again.']
    )
  }
}

function outOfStock(error: InsufficientStockError, lines: PricedLine[]) {
  return new CheckoutOutOfStockError(
    error.lines.map((short) => {
      const line = lines.find((candidate) => candidate.variantId === short.variantId)
      return {
        variantId: short.variantId,
        title: line ? lineTitle(line) : `Item ${short.variantId}`,
        requested: short.requested,
        available: Math.max(0, short.available),
      }
    })
  )
}

function lineTitle(line: PricedLine) {
  return line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title
}

/** An order line's row: snapshots of the catalog that survive later edits. */
function lineSnapshot(orderId: number, line: PricedLine) {
  return {
    order_id: orderId,
    variant_id: line.variantId,
    product_id: line.productId,
    product_handle: line.productHandle,
    sku: line.sku,
    title: line.title,
    variant_title: line.variantTitle,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    discount_amount: line.discountAmount,
    tax_amount: line.taxAmount,
    total: line.total,
  }
}

/** PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE: the checkout token was taken. */
function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string })?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}
