import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import SeedSellingDefaults from '#actions/pricing/seed_selling_defaults'
import app from '@adonisjs/core/services/app'
import PriceCart from '#actions/cart/price_cart'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { ProductFactory } from '#database/factories/product_factory'
import type { PricingInput } from '#plugin_host/extension_points/pricing'

test.group('Pricing | selling defaults seeder', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    // An empty store for shipping and tax, whatever earlier files committed (rolled back afterwards).
    await db.from('shipping_zones').delete()
    await db.from('tax_rates').delete()
  })

  test('seeds a zone for everywhere and example rates once; a cart anywhere gets shipping', async ({ assert }) => {
    const first = await (await app.container.make(SeedSellingDefaults)).handle()
    assert.deepEqual(first, { shippingZones: 1, shippingMethods: 2, taxRates: 2 })
    const second = await (await app.container.make(SeedSellingDefaults)).handle()
    assert.deepEqual(second, { shippingZones: 0, shippingMethods: 0, taxRates: 0 })
    assert.lengthOf(await db.from('shipping_zones'), 1)

    const product = await ProductFactory.with('variants', 1, (variant) => variant.merge({ price: 2000 })).create()
    await (await app.container.make(InventoryPort)).adjust({ variantId: product.variants[0].id, delta: 5, reason: 'received' })
    const lines = [{ variantId: product.variants[0].id, quantity: 1 }]
    const priceCart = (input: PricingInput) => app.container.make(PriceCart).then((action) => action.handle(input))
    const california = await priceCart({ currency: 'USD', lines, shippingAddress: { countryCode: 'US', region: 'CA' } })
    assert.deepEqual(california.shippingOptions.map((option) => [option.name, option.amount]), [['Standard', 500], ['Express', 1500]])
    assert.equal(california.taxTotal, 145) // 7.25 % of 20.00
    assert.equal(california.total, 2000 + 500 + 145)
    const germany = await priceCart({ currency: 'USD', lines: [{ ...lines[0], quantity: 3 }], shippingAddress: { countryCode: 'DE' } })
    assert.equal(germany.shippingTotal, 0) // free over $50
    assert.isTrue(germany.taxIncluded)
    assert.equal(germany.total, 6000)
  })
})
