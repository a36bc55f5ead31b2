import { randomBytes, randomInt } from 'node:crypto'
import { DateTime, Settings } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import Payment from '#models/payment'
import { ProductFactory } from '#database/factories/product_factory'
import { transitionOrder } from '#models/order_transitions'
import { allocateProportionally, taxOn } from '#pricing/arithmetic'
import { refundOrder } from '#tests/helpers/payment_actions'
import { storeDay } from '#plugins/analytics/store_clock'
import { customerKey, valueBucket } from '#plugins/analytics/rollups/customer_facts'
import { CustomerFactory } from '#database/factories/customer_factory'

/** Who places an order: an account holder or a guest, and where it ships (null: nowhere). */
export interface Buyer {
  customerId: number | null
  email: string
  country: string | null
}

/** A few repeat buyers of a case: two with accounts, three guests, some shipping nowhere. */
export async function buyers(currency: string): Promise<Buyer[]> {
  const accounts = [await CustomerFactory.create(), await CustomerFactory.create()]
  return [
    { customerId: accounts[0].id, email: accounts[0].email, country: 'US' },
    { customerId: accounts[1].id, email: accounts[1].email, country: 'fr' },
    { customerId: null, email: `Guest-A-${currency}@Example.com`, country: 'IN' },
    { customerId: null, email: `guest-b-${currency}@example.com`, country: null },
    { customerId: null, email: `guest-c-${currency}@example.com`, country: 'US' },
  ]
}

/** A currency of our own (ISO 4217 keeps X.. codes for private use), so rows of other tests never mix in. */
const usedCurrencies = new Set<string>()

/**
 * A user-assigned currency code (XAA–XZZ) no other test of this run has had,
 * so rollup rows counted per currency are this test's alone (two tests that
 * drew the same random code once saw each other's rows).
 */
export function testCurrency() {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  for (;;) {
    const code = `X${letters[randomInt(26)]}${letters[randomInt(26)]}`
    if (usedCurrencies.has(code)) continue
    usedCurrencies.add(code)
    return code
  }
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

/**
 * Two collections over a catalog: a manual one holding the first product
 * and a smart one (vendor rule) matching the second. Answers product id →
 * collection id, the membership the oracle uses.
 */
export async function collectionsOver(variants: Variants) {
  const [first, second] = [...new Set(variants.map((variant) => variant.productId))]
  const now = DateTime.utc().toSQL({ includeOffset: false })
  const vendor = `Analytics vendor ${randomBytes(4).toString('hex')}`
  await db.from('products').where('id', second).update({ vendor })
  const created = []
  for (const [kind, rules] of [['manual', null], ['smart', [{ field: 'vendor', relation: 'equals', value: vendor }]]] as const) {
    const [row] = await db
      .table('collections')
      .insert({
        handle: `analytics-${kind}-${randomBytes(4).toString('hex')}`,
        title: `Analytics ${kind} ${randomBytes(2).toString('hex')}`,
        kind,
        rules: rules ? JSON.stringify(rules) : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    created.push(Number(typeof row === 'object' ? row.id : row))
  }
  await db.table('collection_products').insert({ collection_id: created[0], product_id: first, position: 1, created_at: now })
  return new Map([
    [first, created[0]],
    [second, created[1]],
  ])
}

export async function catalog(products = 3) {
  const created = []
  for (let index = 0; index < products; index++) created.push(await ProductFactory.with('variants', 2).create())
  return created.flatMap((product) => product.variants.map((variant) => ({ productId: product.id, variant, title: product.title })))
}

type Variants = Awaited<ReturnType<typeof catalog>>

/**
 * An unpaid order with 1–3 random lines, a discount, shipping and tax,
 * placed at `placedAt`, its lines priced with checkout's own arithmetic
 * (the pricing pipeline's discount and tax steps): the discount spread over
 * the lines, tax on what is left (and on shipping, sometimes), added on
 * top or included in the prices, and each line's `total` what the shopper
 * was charged for it, as PlaceOrder stores it.
 */
export async function placeOrder(
  random: ReturnType<typeof randomSource>,
  variants: Variants,
  currency: string,
  placedAt: DateTime,
  buyer?: Buyer
) {
  return at(placedAt, async () => {
    const picks = Array.from({ length: random.int(1, 3) }, () => variants[random.int(0, variants.length - 1)])
    const lines = picks.map((pick) => {
      const quantity = random.int(1, 4)
      const unitPrice = random.int(100, 9000)
      return { pick, quantity, unitPrice, subtotal: quantity * unitPrice }
    })
    const subtotal = lines.reduce((sum, line) => sum + line.subtotal, 0)
    const discount = random.next() < 0.4 ? random.int(0, Math.floor(subtotal / 4)) : 0
    const shipping = random.int(0, 1500)
    const included = random.next() < 0.3
    const rate = random.next() < 0.2 ? 0 : random.int(500, 2500)
    const discounts = allocateProportionally(discount, lines.map((line) => line.subtotal))
    const bases = lines.map((line, index) => line.subtotal - discounts[index])
    if (random.next() < 0.5) bases.push(shipping)
    const tax = taxOn(bases.reduce((sum, base) => sum + base, 0), rate, included)
    const taxes = allocateProportionally(tax, bases)
    const order = await Order.create({
      number: randomInt(100_000_000, 2_000_000_000),
      publicToken: randomBytes(24).toString('base64url'),
      email: buyer?.email ?? `analytics-${randomBytes(4).toString('hex')}@example.com`,
      customerId: buyer?.customerId ?? null,
      shippingAddress: buyer?.country ? { line1: '1 Test Street', city: 'Testville', countryCode: buyer.country } : null,
      currency,
      status: 'pending',
      paymentStatus: 'pending',
      fulfillmentStatus: 'unfulfilled',
      subtotal,
      discountTotal: discount,
      shippingTotal: shipping,
      taxTotal: tax,
      taxesIncluded: included,
      total: subtotal - discount + shipping + (included ? 0 : tax),
      placedAt,
    })
    for (const [index, line] of lines.entries()) {
      await OrderLine.create({
        orderId: order.id,
        variantId: line.pick.variant.id,
        productId: line.pick.productId,
        sku: line.pick.variant.sku,
        title: line.pick.title,
        variantTitle: line.pick.variant.title,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        discountAmount: discounts[index],
        taxAmount: taxes[index],
        total: line.subtotal - discounts[index] + (included ? 0 : taxes[index]),
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
 * A line's net sales from its parts, not from its stored `total`: unit
 * price × quantity, less its discount share, less its tax when the prices
 * included it (added tax was never in the price).
 */
function lineNetSales(line: Record<string, any>, taxesIncluded: boolean) {
  return Number(line.unit_price) * Number(line.quantity) - Number(line.discount_amount) - (taxesIncluded ? Number(line.tax_amount) : 0)
}

/** An order's net sales, summed from its lines' parts (the oracle's rule, not the plugin's SQL). */
export async function netSalesOf(order: Order) {
  const lines = await db.from('order_lines').where('order_id', order.id)
  return lines.reduce((sum, line) => sum + lineNetSales(line, Boolean(order.taxesIncluded)), 0)
}

/**
 * The expected rollups, aggregated straight from orders, order lines and
 * refunds (not the order timeline JSON the plugin reads), bucketed into
 * store days here: the oracle the rollups must equal. Net sales are gross
 * sales − discounts − returns, without tax or shipping; a refund's returns
 * are its share of the order's net sales (net sales / total), on the
 * running sum of the order's refunds.
 */
export async function expectedRollups(currency: string, timezone: string, membership = new Map<number, number>()) {
  const paid = await db
    .from('orders as o')
    .join('order_events as e', 'e.order_id', 'o.id')
    .where('e.type', 'payment_paid')
    .where('o.currency', currency)
    .select(
      'o.id',
      'o.subtotal',
      'o.discount_total',
      'o.shipping_total',
      'o.tax_total',
      'o.total',
      'o.taxes_included',
      'o.customer_id',
      'o.email',
      'o.shipping_address',
      'e.created_at as paid_at'
    )
  const sales = new Map<string, Record<string, number>>()
  const row = (day: string) => {
    if (!sales.has(day)) {
      sales.set(day, { orders: 0, gross_sales: 0, discounts: 0, shipping: 0, tax: 0, total_sales: 0, refunds: 0, returns: 0, net_sales: 0, units: 0, cancelled_orders: 0 })
    }
    return sales.get(day)!
  }
  const products = new Map<string, { units: number; revenue: number }>()
  const monthly = new Map<string, { units: number; revenue: number }>()
  const collections = new Map<string, { units: number; revenue: number }>()
  const countries = new Map<string, { orders: number; total_sales: number; refunds: number; net_sales: number }>()
  const country = (day: string, address: unknown) => {
    const parsed = typeof address === 'string' ? JSON.parse(address) : address
    const code = parsed?.countryCode ? String(parsed.countryCode).toUpperCase() : 'ZZ'
    const key = `${day}|${code}`
    if (!countries.has(key)) countries.set(key, { orders: 0, total_sales: 0, refunds: 0, net_sales: 0 })
    return countries.get(key)!
  }
  const customers = new Map<string, { days: Set<string>; value: number; orders: number }>()
  const orderKeys = new Map<number, string>()
  const paidIds = new Set<number>()
  const orderMoney = new Map<number, { net: number; total: number }>()
  for (const order of paid) {
    paidIds.add(Number(order.id))
    const day = storeDay(timestamp(order.paid_at), timezone)
    const key = customerKey(order.customer_id, order.email)
    orderKeys.set(Number(order.id), key)
    const customer = customers.get(key) ?? { days: new Set<string>(), value: 0, orders: 0 }
    customer.days.add(day)
    customer.value += Number(order.total)
    customer.orders += 1
    customers.set(key, customer)
    const lines = await db.from('order_lines').where('order_id', order.id)
    const included = order.taxes_included === true || Number(order.taxes_included) === 1
    const net = lines.reduce((sum, line) => sum + lineNetSales(line, included), 0)
    orderMoney.set(Number(order.id), { net, total: Number(order.total) })
    const byCountry = country(day, order.shipping_address)
    byCountry.orders += 1
    byCountry.total_sales += Number(order.total)
    byCountry.net_sales += net
    const entry = row(day)
    entry.orders += 1
    entry.gross_sales += net + Number(order.discount_total)
    entry.discounts += Number(order.discount_total)
    entry.shipping += Number(order.shipping_total)
    entry.tax += Number(order.tax_total)
    entry.total_sales += Number(order.total)
    entry.net_sales += net
    for (const line of lines) {
      const revenue = lineNetSales(line, included)
      entry.units += Number(line.quantity)
      const key = `${day}|${line.product_id}|${line.variant_id}`
      const product = products.get(key) ?? { units: 0, revenue: 0 }
      product.units += Number(line.quantity)
      product.revenue += revenue
      products.set(key, product)
      const monthKey = `${day.slice(0, 7)}|${line.product_id}|${line.variant_id}`
      const month = monthly.get(monthKey) ?? { units: 0, revenue: 0 }
      month.units += Number(line.quantity)
      month.revenue += revenue
      monthly.set(monthKey, month)
      const collectionId = membership.get(Number(line.product_id))
      if (collectionId) {
        const collection = collections.get(`${day}|${collectionId}`) ?? { units: 0, revenue: 0 }
        collection.units += Number(line.quantity)
        collection.revenue += revenue
        collections.set(`${day}|${collectionId}`, collection)
      }
    }
  }
  const refunds = await db
    .from('refunds as r')
    .join('orders as o', 'o.id', 'r.order_id')
    .where('o.currency', currency)
    .where('r.status', 'succeeded')
    .orderBy('r.id')
    .select('r.amount', 'r.updated_at', 'r.order_id', 'o.shipping_address')
  const refundedSoFar = new Map<number, number>()
  for (const refunded of refunds) {
    if (!paidIds.has(Number(refunded.order_id))) continue
    const day = storeDay(timestamp(refunded.updated_at), timezone)
    const { net, total } = orderMoney.get(Number(refunded.order_id))!
    const before = refundedSoFar.get(Number(refunded.order_id)) ?? 0
    const after = before + Number(refunded.amount)
    refundedSoFar.set(Number(refunded.order_id), after)
    const share = (amount: number) => (total > 0 ? Number((BigInt(amount) * BigInt(net)) / BigInt(total)) : 0)
    const returns = share(after) - share(before)
    const entry = row(day)
    entry.refunds += Number(refunded.amount)
    entry.returns += returns
    entry.net_sales -= returns
    const byCountry = country(day, refunded.shipping_address)
    byCountry.refunds += Number(refunded.amount)
    byCountry.net_sales -= returns
    customers.get(orderKeys.get(Number(refunded.order_id))!)!.value -= Number(refunded.amount)
  }
  const cancelled = await db.from('orders').where('currency', currency).where('status', 'cancelled').select('id', 'cancelled_at')
  for (const order of cancelled) {
    if (paidIds.has(Number(order.id))) row(storeDay(timestamp(order.cancelled_at), timezone)).cancelled_orders += 1
  }
  return {
    sales: Object.fromEntries([...sales].sort()),
    products: Object.fromEntries([...products].sort()),
    monthlyProducts: Object.fromEntries([...monthly].sort()),
    collections: Object.fromEntries([...collections].sort()),
    countries: Object.fromEntries([...countries].sort()),
    ...customerFigures(customers, currency),
  }
}

/** New vs returning per day, cohorts and lifetime values, straight from each customer's paid days and money. */
function customerFigures(customers: Map<string, { days: Set<string>; value: number; orders: number }>, currency: string) {
  const daily = new Map<string, { new_customers: number; returning_customers: number }>()
  const cohorts = new Map<string, number>()
  const values = new Map<string, { orders: number; value: number }>()
  const buckets = new Map<number, number>()
  for (const [key, customer] of customers) {
    const days = [...customer.days].sort()
    for (const [index, day] of days.entries()) {
      const entry = daily.get(day) ?? { new_customers: 0, returning_customers: 0 }
      if (index === 0) entry.new_customers += 1
      else entry.returning_customers += 1
      daily.set(day, entry)
    }
    for (const month of new Set(days.map((day) => day.slice(0, 7)))) {
      const cohort = `${days[0].slice(0, 7)}|${month}`
      cohorts.set(cohort, (cohorts.get(cohort) ?? 0) + 1)
    }
    values.set(key, { orders: customer.orders, value: customer.value })
    const bucket = valueBucket(customer.value, currency)
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1)
  }
  return {
    dailyCustomers: Object.fromEntries([...daily].sort()),
    cohorts: Object.fromEntries([...cohorts].sort()),
    customerValues: Object.fromEntries([...values].sort()),
    valueBuckets: Object.fromEntries([...buckets].sort(([a], [b]) => a - b)),
  }
}

/**
 * The rollups the plugin holds for a currency, in the oracle's shape. The
 * customer tables span currencies, so they are read for the case's year and
 * its customers only.
 */
export async function actualRollups(currency: string, year: number, keys: string[], collectionIds: number[] = []) {
  const columns = ['orders', 'gross_sales', 'discounts', 'shipping', 'tax', 'total_sales', 'refunds', 'returns', 'net_sales', 'units', 'cancelled_orders']
  const sales = await db.from('analytics_daily_sales').where('currency', currency).orderBy('day')
  const products = await db.from('analytics_daily_products').where('currency', currency)
  return {
    sales: Object.fromEntries(sales.map((row) => [row.day, Object.fromEntries(columns.map((column) => [column, Number(row[column])]))])),
    products: Object.fromEntries(
      products
        .map((row) => [`${row.day}|${row.product_id}|${row.variant_id}`, { units: Number(row.units), revenue: Number(row.revenue) }] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1))
    ),
    ...(await customerRollups(currency, year, keys, collectionIds)),
  }
}

async function customerRollups(currency: string, year: number, keys: string[], collectionIds: number[]) {
  const sorted = <T>(entries: Array<[string, T]>) => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)))
  const monthly = await db.from('analytics_monthly_products').where('currency', currency)
  const collections = await db.from('analytics_daily_collections').where('currency', currency).whereIn('collection_id', collectionIds)
  const countries = await db.from('analytics_daily_countries').where('currency', currency)
  const daily = await db.from('analytics_daily_customers').where('day', 'like', `${year}-%`)
  const cohorts = await db.from('analytics_cohorts').where('cohort_month', 'like', `${year}-%`).where('customers', '<>', 0)
  const values = await db.from('analytics_customer_values').where('currency', currency).whereIn('customer_key', keys)
  const buckets = await db.from('analytics_value_buckets').where('currency', currency).where('customers', '<>', 0).orderBy('bucket')
  return {
    monthlyProducts: sorted(
      monthly.map((row) => [`${row.month}|${row.product_id}|${row.variant_id}`, { units: Number(row.units), revenue: Number(row.revenue) }])
    ),
    collections: sorted(
      collections.map((row) => [`${row.day}|${row.collection_id}`, { units: Number(row.units), revenue: Number(row.revenue) }])
    ),
    countries: sorted(
      countries.map((row) => [
        `${row.day}|${row.country}`,
        { orders: Number(row.orders), total_sales: Number(row.total_sales), refunds: Number(row.refunds), net_sales: Number(row.net_sales) },
      ])
    ),
    dailyCustomers: sorted(
      daily
        .filter((row) => Number(row.new_customers) || Number(row.returning_customers))
        .map((row) => [row.day, { new_customers: Number(row.new_customers), returning_customers: Number(row.returning_customers) }])
    ),
    cohorts: sorted(cohorts.map((row) => [`${row.cohort_month}|${row.month}`, Number(row.customers)])),
    customerValues: sorted(values.map((row) => [row.customer_key, { orders: Number(row.orders), value: Number(row.value) }])),
    valueBuckets: Object.fromEntries(buckets.map((row) => [Number(row.bucket), Number(row.customers)])),
  }
}

/** The analytics keys of a case's buyers. */
export function buyerKeys(list: Buyer[]) {
  return list.map((buyer) => customerKey(buyer.customerId, buyer.email))
}
