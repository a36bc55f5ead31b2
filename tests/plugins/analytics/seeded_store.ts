import { randomBytes, randomInt } from 'node:crypto'
import { DateTime, Settings } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import Payment from '#models/payment'
import { ProductFactory } from '#database/factories/product_factory'
import { transitionOrder } from '#actions/orders/transition_order'
import { refundOrder } from '#actions/payments/refund_order'
import { storeDay } from '#plugins/analytics/store_clock'

/** A currency of our own (ISO 4217 keeps X.. codes for private use), so rows of other tests never mix in. */
export function testCurrency() {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  return `X${letters[randomInt(26)]}${letters[randomInt(26)]}`
}

/** Runs `work` with luxon's clock (hence dbTimestamp and Lucid's timestamps) at `at`. */
export async function at<T>(instant: DateTime, work: () => Promise<T>): Promise<T> {
  const previous = Settings.now
  Settings.now = () => instant.toMillis()
  try {
    return await work()
  } finally {
    Settings.now = previous
  }
}

/** A seeded random number generator (mulberry32), so a failing seed can be replayed. */
export function randomSource(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) }
}

export async function catalog(products = 3) {
  const created = []
  for (let index = 0; index < products; index++) created.push(await ProductFactory.with('variants', 2).create())
  return created.flatMap((product) => product.variants.map((variant) => ({ productId: product.id, variant, title: product.title })))
}

type Variants = Awaited<ReturnType<typeof catalog>>

/** An unpaid order with 1–3 random lines, a discount, shipping and tax, placed at `placedAt`. */
export async function placeOrder(random: ReturnType<typeof randomSource>, variants: Variants, currency: string, placedAt: DateTime) {
  return at(placedAt, async () => {
    const picks = Array.from({ length: random.int(1, 3) }, () => variants[random.int(0, variants.length - 1)])
    const lines = picks.map((pick) => {
      const quantity = random.int(1, 4)
      const unitPrice = random.int(100, 9000)
      return { pick, quantity, unitPrice, total: quantity * unitPrice }
    })
    const subtotal = lines.reduce((sum, line) => sum + line.total, 0)
    const discount = random.next() < 0.4 ? random.int(0, Math.floor(subtotal / 4)) : 0
    const shipping = random.int(0, 1500)
    const tax = random.int(0, 2000)
    const order = await Order.create({
      number: randomInt(100_000_000, 2_000_000_000),
      publicToken: randomBytes(24).toString('base64url'),
      email: `analytics-${randomBytes(4).toString('hex')}@example.com`,
      currency,
      status: 'pending',
      paymentStatus: 'pending',
      fulfillmentStatus: 'unfulfilled',
      subtotal,
      discountTotal: discount,
      shippingTotal: shipping,
      taxTotal: tax,
      total: subtotal - discount + shipping + tax,
      placedAt,
    })
    let left = discount
    for (const [index, line] of lines.entries()) {
      // the discount spread over the lines, the remainder on the last one
      const share = index === lines.length - 1 ? left : Math.min(left, Math.floor((discount * line.total) / subtotal))
      left -= share
      await OrderLine.create({
        orderId: order.id,
        variantId: line.pick.variant.id,
        productId: line.pick.productId,
        sku: line.pick.variant.sku,
        title: line.pick.title,
        variantTitle: line.pick.variant.title,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        total: line.total,
        taxAmount: 0,
        discountAmount: share,
      })
    }
    return order
  })
}

/** Marks the order paid at `paidAt` the way a payment webhook does: a paid payment row and the transitions. */
export async function pay(order: Order, paidAt: DateTime) {
  await at(paidAt, () =>
    db.transaction(async (trx) => {
      await Payment.create(
        { orderId: order.id, provider: 'manual', providerRef: `manual_${order.id}`, amount: order.total, currency: order.currency, status: 'paid' },
        { client: trx }
      )
      order.useTransaction(trx)
      await transitionOrder(order, 'payment_status', 'paid', { trx, actor: 'test' })
      await transitionOrder(order, 'status', 'open', { trx, actor: 'test' })
    })
  )
}

/** Refunds `amount` through the refund action (manual driver) at `refundedAt`. */
export async function refund(order: Order, amount: number, refundedAt: DateTime) {
  await at(refundedAt, () => refundOrder(order, { amount, actor: 'staff:test' }))
  await order.refresh()
}

export async function cancel(order: Order, cancelledAt: DateTime) {
  await order.refresh()
  await at(cancelledAt, () =>
    db.transaction(async (trx) => {
      order.useTransaction(trx)
      await transitionOrder(order, 'status', 'cancelled', { trx, actor: 'test', data: { reason: 'test' } })
    })
  )
}

function timestamp(value: Date | string) {
  return value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
}

/**
 * The expected rollups, aggregated straight from orders, order lines and
 * refunds (not the order timeline JSON the plugin reads), bucketed into
 * store days here: the oracle the rollups must equal.
 */
export async function expectedRollups(currency: string, timezone: string) {
  const paid = await db
    .from('orders as o')
    .join('order_events as e', 'e.order_id', 'o.id')
    .where('e.type', 'payment_paid')
    .where('o.currency', currency)
    .select('o.id', 'o.subtotal', 'o.discount_total', 'o.shipping_total', 'o.tax_total', 'o.total', 'e.created_at as paid_at')
  const sales = new Map<string, Record<string, number>>()
  const row = (day: string) => {
    if (!sales.has(day)) {
      sales.set(day, { orders: 0, gross_sales: 0, discounts: 0, shipping: 0, tax: 0, total_sales: 0, refunds: 0, net_sales: 0, units: 0, cancelled_orders: 0 })
    }
    return sales.get(day)!
  }
  const products = new Map<string, { units: number; revenue: number }>()
  const paidIds = new Set<number>()
  for (const order of paid) {
    paidIds.add(Number(order.id))
    const day = storeDay(timestamp(order.paid_at), timezone)
    const entry = row(day)
    entry.orders += 1
    entry.gross_sales += Number(order.subtotal)
    entry.discounts += Number(order.discount_total)
    entry.shipping += Number(order.shipping_total)
    entry.tax += Number(order.tax_total)
    entry.total_sales += Number(order.total)
    entry.net_sales += Number(order.total)
    const lines = await db.from('order_lines').where('order_id', order.id)
    for (const line of lines) {
      entry.units += Number(line.quantity)
      const key = `${day}|${line.product_id}|${line.variant_id}`
      const product = products.get(key) ?? { units: 0, revenue: 0 }
      product.units += Number(line.quantity)
      product.revenue += Number(line.total) - Number(line.discount_amount)
      products.set(key, product)
    }
  }
  const refunds = await db
    .from('refunds as r')
    .join('orders as o', 'o.id', 'r.order_id')
    .where('o.currency', currency)
    .where('r.status', 'succeeded')
    .select('r.amount', 'r.updated_at', 'r.order_id')
  for (const refunded of refunds) {
    if (!paidIds.has(Number(refunded.order_id))) continue
    const entry = row(storeDay(timestamp(refunded.updated_at), timezone))
    entry.refunds += Number(refunded.amount)
    entry.net_sales -= Number(refunded.amount)
  }
  const cancelled = await db.from('orders').where('currency', currency).where('status', 'cancelled').select('id', 'cancelled_at')
  for (const order of cancelled) {
    if (paidIds.has(Number(order.id))) row(storeDay(timestamp(order.cancelled_at), timezone)).cancelled_orders += 1
  }
  return { sales: Object.fromEntries([...sales].sort()), products: Object.fromEntries([...products].sort()) }
}

/** The rollups the plugin holds for a currency, in the oracle's shape. */
export async function actualRollups(currency: string) {
  const columns = ['orders', 'gross_sales', 'discounts', 'shipping', 'tax', 'total_sales', 'refunds', 'net_sales', 'units', 'cancelled_orders']
  const sales = await db.from('analytics_daily_sales').where('currency', currency).orderBy('day')
  const products = await db.from('analytics_daily_products').where('currency', currency)
  return {
    sales: Object.fromEntries(sales.map((row) => [row.day, Object.fromEntries(columns.map((column) => [column, Number(row[column])]))])),
    products: Object.fromEntries(
      products
        .map((row) => [`${row.day}|${row.product_id}|${row.variant_id}`, { units: Number(row.units), revenue: Number(row.revenue) }] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1))
    ),
  }
}
