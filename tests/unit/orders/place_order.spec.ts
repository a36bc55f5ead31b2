import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import Cart from '#models/cart'
import Variant from '#models/variant'
import { placeOrder } from '#tests/helpers/payment_actions'
import { CheckoutChangedError, CheckoutOutOfStockError, EmptyCartError } from '#checkout/checkout_errors'
import {
  cartWith,
  checkoutToken,
  flatShipping,
  stockLevel,
  stockedVariants,
  taxRate,
  testAddress,
} from '#tests/helpers/checkout'

// Iceland: no other test prices shipping or tax there.
const COUNTRY = 'IS'

test.group('Orders | place order', (group) => {
  let shippingMethodId: number
  group.setup(async () => {
    shippingMethodId = await flatShipping(COUNTRY, 700)
    await taxRate(COUNTRY, 1000)
  })

  test('prices on the server, snapshots the lines, reserves stock and converts the cart', async ({ assert }) => {
    const { variants } = await stockedVariants([
      { price: 1999, stock: 5, title: 'Large' },
      { price: 500, stock: 3, title: 'Small' },
    ])
    const [large, small] = variants
    const cart = await cartWith([
      { variantId: large.id, quantity: 2, price: 1999 },
      { variantId: small.id, quantity: 1, price: 500 },
    ])

    const { order, created } = await placeOrder({
      cartId: cart.id,
      checkoutToken: checkoutToken(),
      email: 'Buyer.One@Example.test',
      shippingAddress: testAddress(COUNTRY),
      shippingMethodId,
      expectedTotal: 5648,
    })

    assert.isTrue(created)
    // 2 × 19.99 + 5.00 = 44.98; shipping 7.00; 10 % tax on 44.98 = 4.498 → 4.50
    assert.equal(order.subtotal, 4498)
    assert.equal(order.shippingTotal, 700)
    assert.equal(order.taxTotal, 450)
    assert.equal(order.discountTotal, 0)
    assert.equal(order.total, 5648)
    assert.isFalse(order.taxesIncluded)
    assert.equal(order.shippingMethodName, 'Standard')
    assert.equal(order.email, 'buyer.one@example.test')
    assert.equal(order.status, 'pending')
    assert.equal(order.paymentStatus, 'pending')
    assert.isAbove(order.number, 1000)
    assert.match(order.publicToken, /^[A-Za-z0-9_-]{32}$/)
    const minutesLeft = order.expiresAt!.diffNow('minutes').minutes
    assert.isAbove(minutesLeft, 29)
    assert.isAtMost(minutesLeft, 30)

    const lines = await db.from('order_lines').where('order_id', order.id).orderBy('id')
    assert.deepEqual(
      lines.map((line) => [line.sku, line.variant_title, line.quantity, line.unit_price, line.tax_amount, line.total]),
      [
        [large.sku, 'Large', 2, 1999, 400, 4398],
        [small.sku, 'Small', 1, 500, 50, 550],
      ]
    )
    assert.deepEqual(await stockLevel(large.id), { onHand: 5, reserved: 2 })
    assert.deepEqual(await stockLevel(small.id), { onHand: 3, reserved: 1 })

    const events = await db.from('order_events').where('order_id', order.id)
    assert.deepEqual(events.map((event) => event.type), ['placed'])
    const outbox = await db.from('outbox_events').where('name', 'OrderPlaced').orderBy('id', 'desc').first()
    assert.deepEqual(typeof outbox.payload === 'string' ? JSON.parse(outbox.payload) : outbox.payload, { orderId: order.id })
    assert.isNull(await Cart.find(cart.id))

    // Snapshots outlive catalog edits.
    await Variant.query().where('id', large.id).update({ price: 9999, title: 'Renamed' })
    const again = await db.from('order_lines').where('order_id', order.id).orderBy('id').first()
    assert.equal(again.unit_price, 1999)
    assert.equal(again.variant_title, 'Large')
  })

  test('order numbers follow each other', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 100, stock: 10 }])
    const numbers = []
    for (let i = 0; i < 3; i++) {
      const cart = await cartWith([{ variantId: variants[0].id, quantity: 1, price: 100 }])
      const { order } = await placeOrder({
        cartId: cart.id,
        checkoutToken: checkoutToken(),
        email: 'numbers@example.test',
        shippingAddress: testAddress(COUNTRY),
        shippingMethodId,
      })
      numbers.push(order.number)
    }
    assert.deepEqual(numbers, [numbers[0], numbers[0] + 1, numbers[0] + 2])
  })

  test('the same submission twice, even at once, makes one order', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 1200, stock: 10 }])
    const cart = await cartWith([{ variantId: variants[0].id, quantity: 2, price: 1200 }])
    const input = {
      cartId: cart.id,
      checkoutToken: checkoutToken(),
      email: 'double@example.test',
      shippingAddress: testAddress(COUNTRY),
      shippingMethodId,
    }

    const results = await Promise.all([placeOrder(input), placeOrder(input)])
    assert.equal(results[0].order.id, results[1].order.id)
    assert.sameMembers(results.map((result) => result.created), [true, false])
    const again = await placeOrder(input)
    assert.isFalse(again.created)
    assert.equal(again.order.id, results[0].order.id)

    const orders = await Order.query().where('checkout_token', input.checkoutToken)
    assert.lengthOf(orders, 1)
    assert.deepEqual(await stockLevel(variants[0].id), { onHand: 10, reserved: 2 })
  })

  test('two submissions of one cart with different tokens: the second finds the cart converted', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 800, stock: 10 }])
    const cart = await cartWith([{ variantId: variants[0].id, quantity: 1, price: 800 }])
    const base = { cartId: cart.id, email: 'tabs@example.test', shippingAddress: testAddress(COUNTRY), shippingMethodId }

    const settled = await Promise.allSettled([
      placeOrder({ ...base, checkoutToken: checkoutToken() }),
      placeOrder({ ...base, checkoutToken: checkoutToken() }),
    ])
    assert.lengthOf(settled.filter((result) => result.status === 'fulfilled'), 1)
    const refused = settled.find((result) => result.status === 'rejected') as PromiseRejectedResult
    assert.instanceOf(refused.reason, EmptyCartError)
    assert.deepEqual(await stockLevel(variants[0].id), { onHand: 10, reserved: 1 })
  })

  test('out of stock: a clear answer per line and nothing written', async ({ assert }) => {
    const { variants } = await stockedVariants([
      { price: 1000, stock: 1, title: 'Last one' },
      { price: 1000, stock: 0, title: 'Sold out' },
      { price: 1000, stock: 4, title: 'Plenty' },
    ])
    const cart = await cartWith(variants.map((variant) => ({ variantId: variant.id, quantity: 2, price: 1000 })))
    const token = checkoutToken()
    const ordersBefore = await db.from('orders').count('* as total').first()

    const error = await placeOrder({
      cartId: cart.id,
      checkoutToken: token,
      email: 'short@example.test',
      shippingAddress: testAddress(COUNTRY),
      shippingMethodId,
    }).catch((caught) => caught)

    assert.instanceOf(error, CheckoutOutOfStockError)
    const short = (error as CheckoutOutOfStockError).lines
    assert.deepEqual(
      short.map((line) => [line.variantId, line.requested, line.available]),
      [
        [variants[0].id, 2, 1],
        [variants[1].id, 2, 0],
      ]
    )
    assert.match((error as CheckoutOutOfStockError).messages[0], /only 1 left \(you asked for 2\)/)
    assert.match((error as CheckoutOutOfStockError).messages[1], /is sold out/)

    assert.isNull(await Order.findBy('checkout_token', token))
    const ordersAfter = await db.from('orders').count('* as total').first()
    assert.equal(Number(ordersAfter.total), Number(ordersBefore.total))
    for (const variant of variants) assert.equal((await stockLevel(variant.id)).reserved, 0)
    assert.isNotNull(await Cart.find(cart.id))
  })

  test('a total that changed since the review sends the shopper back, nothing written', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 1500, stock: 5 }])
    const cart = await cartWith([{ variantId: variants[0].id, quantity: 1, price: 1500 }])
    // the price went up after the review was shown
    await Variant.query().where('id', variants[0].id).update({ price: 1700 })
    const token = checkoutToken()

    const error = await placeOrder({
      cartId: cart.id,
      checkoutToken: token,
      email: 'changed@example.test',
      shippingAddress: testAddress(COUNTRY),
      shippingMethodId,
      expectedTotal: 1500 + 700 + 150,
    }).catch((caught) => caught)

    assert.instanceOf(error, CheckoutChangedError)
    assert.isNotEmpty((error as CheckoutChangedError).messages)
    assert.isNull(await Order.findBy('checkout_token', token))
    assert.equal((await stockLevel(variants[0].id)).reserved, 0)
  })

  test('a guest checkout finds or creates one customer row per email', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 300, stock: 10 }])
    const email = `guest-${checkoutToken().slice(0, 8).toLowerCase()}@example.test`
    const orders = await Promise.all(
      [1, 2, 3].map(async () => {
        const cart = await cartWith([{ variantId: variants[0].id, quantity: 1, price: 300 }])
        return placeOrder({ cartId: cart.id, checkoutToken: checkoutToken(), email, shippingAddress: testAddress(COUNTRY), shippingMethodId })
      })
    )
    const customers = await db.from('customers').where('email', email)
    assert.lengthOf(customers, 1)
    assert.isNull(customers[0].password)
    for (const { order } of orders) assert.equal(order.customerId, customers[0].id)
  })
})
