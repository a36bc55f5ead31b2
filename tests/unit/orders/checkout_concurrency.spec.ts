import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { placeOrder } from '#tests/helpers/payment_actions'
import { CheckoutOutOfStockError } from '#checkout/checkout_errors'
import {
  cartWith,
  checkoutToken,
  flatShipping,
  ledgerSum,
  stockLevel,
  stockedVariants,
  testAddress,
} from '#tests/helpers/checkout'

const COUNTRY = 'LU'
const SHOPPERS = 200
const STOCK = 20

/** Samples a variant's level while checkouts run: the lowest values seen. */
function watchLevel(variantId: number) {
  const seen = { minOnHand: Infinity, minReserved: Infinity, maxOverReserved: -Infinity, samples: 0 }
  let running = true
  const loop = (async () => {
    while (running) {
      const row = await db.from('inventory_levels').where('variant_id', variantId).first()
      if (row) {
        seen.minOnHand = Math.min(seen.minOnHand, Number(row.on_hand))
        seen.minReserved = Math.min(seen.minReserved, Number(row.reserved))
        seen.maxOverReserved = Math.max(seen.maxOverReserved, Number(row.reserved) - Number(row.on_hand))
        seen.samples++
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  })()
  return async () => {
    running = false
    await loop
    return seen
  }
}

test.group('Orders | checkout concurrency', (group) => {
  let shippingMethodId: number
  group.setup(async () => {
    shippingMethodId = await flatShipping(COUNTRY, 500)
  })

  test('200 concurrent checkouts of a variant with 20 in stock: 20 orders, 180 clear refusals', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 2500, stock: STOCK, title: 'Limited' }])
    const variantId = variants[0].id
    const carts = []
    for (let i = 0; i < SHOPPERS; i++) carts.push(await cartWith([{ variantId, quantity: 1, price: 2500 }]))

    const stopWatching = watchLevel(variantId)
    const results = await Promise.allSettled(
      carts.map((cart, index) =>
        placeOrder({
          cartId: cart.id,
          checkoutToken: checkoutToken(),
          email: `rush-${index}@example.test`,
          shippingAddress: testAddress(COUNTRY, { postalCode: '1234' }),
          shippingMethodId,
        })
      )
    )
    const seen = await stopWatching()

    const placed = results.filter((result) => result.status === 'fulfilled')
    const refused = results.filter((result) => result.status === 'rejected') as PromiseRejectedResult[]
    const unexpected = refused.filter((result) => !(result.reason instanceof CheckoutOutOfStockError))
    assert.deepEqual(unexpected.map((result) => String(result.reason)), [])
    assert.lengthOf(placed, STOCK)
    assert.lengthOf(refused, SHOPPERS - STOCK)
    for (const { reason } of refused) {
      const error = reason as CheckoutOutOfStockError
      assert.deepEqual(error.lines.map((line) => [line.variantId, line.requested, line.available]), [[variantId, 1, 0]])
      assert.match(error.messages[0], /is sold out\.$/)
    }

    // the database agrees: 20 orders for this variant, all stock reserved, none oversold
    const orderLines = await db.from('order_lines').where('variant_id', variantId)
    assert.lengthOf(orderLines, STOCK)
    assert.deepEqual(await stockLevel(variantId), { onHand: STOCK, reserved: STOCK })
    const active = await db.from('reservations').where('variant_id', variantId).where('status', 'active').sum('quantity as total').first()
    assert.equal(Number(active.total), STOCK)
    assert.equal(await ledgerSum(variantId), STOCK)

    // never negative, never more reserved than on hand, at any sampled moment
    assert.isAbove(seen.samples, 0)
    assert.isAtLeast(seen.minOnHand, 0)
    assert.isAtLeast(seen.minReserved, 0)
    assert.isAtMost(seen.maxOverReserved, 0)
  }).timeout(180_000)
})
