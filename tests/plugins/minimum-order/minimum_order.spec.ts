import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import testUtils from '@adonisjs/core/services/test_utils'
import { PluginHost } from '#plugin_host/host'
import PriceCart from '#actions/cart/price_cart'
import { PricingPipeline } from '#pricing/pipeline'
import minimumOrder from '#plugins/minimum-order/index'
import { BELOW_MINIMUM } from '#plugins/minimum-order/minimum_order_step'
import { ProductFactory } from '#database/factories/product_factory'
import { DiscountFactory } from '#database/factories/discount_factory'
import type { PricingInput } from '#plugin_host/extension_points/pricing'

async function withMinimum(options: Parameters<typeof minimumOrder>[0]) {
  const host = new PluginHost(app, logger, '0.1.0')
  await host.register([minimumOrder(options)])
  app.container.swap(PricingPipeline, () => host.pricing)
  return host
}

async function price(input: PricingInput) {
  return (await app.container.make(PriceCart)).handle(input)
}

async function itemAt(price: number) {
  const product = await ProductFactory.with('variants', 1, (variant) => variant.merge({ price, trackInventory: false })).create()
  return product.variants[0]
}

test.group('Minimum order plugin', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => app.container.restore(PricingPipeline))

  test('registers one step right after discounts', async ({ assert }) => {
    const host = await withMinimum({ amount: 25, currency: 'USD' })
    assert.deepEqual(host.pricing.names(), ['line_prices', 'discounts', 'minimum_order', 'shipping', 'tax'])
  })

  test('below the minimum (after codes) the cart is held back with what is missing; at it, nothing', async ({ assert }) => {
    await withMinimum({ amount: 25, currency: 'USD' })
    const item = await itemAt(1000)
    const short = await price({ currency: 'USD', lines: [{ variantId: item.id, quantity: 2 }] })
    assert.deepEqual(
      short.messages.filter((message) => message.kind === BELOW_MINIMUM),
      [{ kind: BELOW_MINIMUM, blocksCheckout: true, text: 'Orders start at $25.00: add $5.00 more to check out.' }]
    )
    assert.equal(short.total, 2000)

    const enough = await price({ currency: 'USD', lines: [{ variantId: item.id, quantity: 3 }] })
    assert.isFalse(enough.messages.some((message) => message.blocksCheckout))

    const code = await DiscountFactory.merge({ kind: 'percentage', value: 2000 }).create()
    const discounted = await price({ currency: 'USD', lines: [{ variantId: item.id, quantity: 3 }], discountCode: code.code })
    assert.include(discounted.messages.map((message) => message.text), 'Orders start at $25.00: add $1.00 more to check out.')
  })

  test('carts in another currency and empty carts are not held to it', async ({ assert }) => {
    await withMinimum({ amount: 25, currency: 'EUR' })
    const item = await itemAt(1000)
    const dollars = await price({ currency: 'USD', lines: [{ variantId: item.id, quantity: 1 }] })
    assert.isFalse(dollars.messages.some((message) => message.blocksCheckout))
    const empty = await price({ currency: 'EUR', lines: [] })
    assert.deepEqual(empty.messages, [])
  })

  test('a minimum that is not a positive amount stops boot naming the plugin', async ({ assert }) => {
    const host = new PluginHost(app, logger, '0.1.0')
    await assert.rejects(() => host.register([minimumOrder({ amount: 0 })]), /^Plugin "minimum-order": invalid settings in config\/plugins.ts \(amount: Enter “amount” of 0.01 or more\)$/)
  })
})
