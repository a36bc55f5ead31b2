import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import PriceCart from '#actions/cart/price_cart'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { ProductFactory } from '#database/factories/product_factory'
import { DiscountFactory } from '#database/factories/discount_factory'
import { ShippingZoneFactory, testCountryCode } from '#database/factories/shipping_factory'
import { TaxRateFactory } from '#database/factories/tax_rate_factory'
import type { PricingInput } from '#plugin_host/extension_points/pricing'

/** A product with one variant at `price`, `stock` units on hand (null: not tracked). */
async function variantAt(price: number, stock: number | null = 100, merge: Record<string, unknown> = {}) {
  const product = await ProductFactory.with('variants', 1, (variant) =>
    variant.merge({ price, trackInventory: stock !== null, ...merge })
  ).create()
  const variant = product.variants[0]
  if (stock) await (await app.container.make(InventoryPort)).adjust({ variantId: variant.id, delta: stock, reason: 'received' })
  return variant
}

function input(lines: PricingInput['lines'], extra: Partial<PricingInput> = {}): PricingInput {
  return { currency: 'USD', lines, ...extra }
}

/** Prices through the container, as every caller does: the pipeline with all registered steps. */
async function priceCart(pricing: PricingInput) {
  return (await app.container.make(PriceCart)).handle(pricing)
}

const kinds = (messages: Array<{ kind: string }>) => messages.map((message) => message.kind)

test.group('Pricing | priceCart', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('percentage discount, flat shipping and exclusive tax add up exactly', async ({ assert }) => {
    const a = await variantAt(1999)
    const b = await variantAt(1001)
    const country = testCountryCode()
    const zone = await ShippingZoneFactory.merge({ countries: [country] }).with('methods', 1, (m) => m.merge({ amount: 500 })).create()
    await TaxRateFactory.merge({ countryCode: country, rate: 2000 }).create()
    const discount = await DiscountFactory.merge({ value: 1500 }).create()

    const cart = await priceCart(
      input([{ variantId: a.id, quantity: 1 }, { variantId: b.id, quantity: 2 }], {
        discountCode: discount.code.toLowerCase(),
        shippingAddress: { countryCode: country },
      })
    )
    assert.deepEqual(cart.messages, [])
    assert.equal(cart.subtotal, 4001)
    assert.equal(cart.discountTotal, 600) // 600.15
    assert.deepEqual(cart.lines.map((line) => line.discountAmount), [300, 300])
    assert.equal(cart.shippingMethod?.id, zone.methods[0].id)
    assert.equal(cart.shippingTotal, 500)
    assert.equal(cart.taxTotal, 680) // 20 % of 3401
    assert.deepEqual(cart.lines.map((line) => line.taxAmount), [340, 340])
    assert.equal(cart.shippingTax, 0)
    assert.deepEqual(cart.lines.map((line) => line.total), [1999 - 300 + 340, 2002 - 300 + 340])
    assert.equal(cart.total, 4001 - 600 + 500 + 680)
    assert.equal(cart.discount?.amount, 600)
    assert.isFalse(cart.taxIncluded)
  })

  test('inclusive VAT is extracted from prices and taxed shipping; lines and shipping sum to taxTotal', async ({ assert }) => {
    const a = await variantAt(1999)
    const b = await variantAt(333)
    const country = testCountryCode()
    await ShippingZoneFactory.merge({ countries: [country] }).with('methods', 1, (m) => m.merge({ amount: 499 })).create()
    await TaxRateFactory.merge({ countryCode: country, rate: 2000, pricesIncludeTax: true, shippingTaxable: true }).create()

    const cart = await priceCart(input([{ variantId: a.id, quantity: 1 }, { variantId: b.id, quantity: 3 }], { shippingAddress: { countryCode: country } }))
    // (1999 + 999 + 499) · 2000 / 12000 = 582.83
    assert.equal(cart.taxTotal, 583)
    assert.equal(cart.lines.reduce((sum, line) => sum + line.taxAmount, 0) + cart.shippingTax, 583)
    assert.deepEqual([...cart.lines.map((line) => line.taxAmount), cart.shippingTax], [333, 167, 83])
    assert.isTrue(cart.taxIncluded)
    assert.equal(cart.total, 1999 + 999 + 499)
    assert.deepEqual(cart.lines.map((line) => line.total), [1999, 999])
  })

  test('a region rate wins over the country rate; untaxable lines carry no tax', async ({ assert }) => {
    const taxed = await variantAt(1000)
    const exempt = await variantAt(1000, 100, { taxable: false })
    const country = testCountryCode()
    await TaxRateFactory.merge({ countryCode: country, rate: 500 }).create()
    await TaxRateFactory.merge({ countryCode: country, region: 'North', rate: 725 }).create()
    const lines = [{ variantId: taxed.id, quantity: 1 }, { variantId: exempt.id, quantity: 1 }]

    const north = await priceCart(input(lines, { shippingAddress: { countryCode: country, region: 'north' } }))
    assert.deepEqual(north.lines.map((line) => line.taxAmount), [73, 0]) // 72.5 rounds up
    assert.equal(north.taxRate?.rate, 725)
    const elsewhere = await priceCart(input(lines, { shippingAddress: { countryCode: country, region: 'South' } }))
    assert.equal(elsewhere.taxTotal, 50)
    assert.equal(elsewhere.total, 2050)
  })

  test('quantities are clamped to stock, sold-out and withdrawn lines are kept at zero, price changes reported', async ({ assert }) => {
    const scarce = await variantAt(1500, 2)
    const soldOut = await variantAt(900, 0)
    const untracked = await variantAt(700, null)
    const draft = await ProductFactory.apply('draft').with('variants', 1).create()
    const cart = await priceCart(
      input([
        { variantId: scarce.id, quantity: 5, unitPriceAtAdd: 1200 },
        { variantId: soldOut.id, quantity: 1 },
        { variantId: untracked.id, quantity: 40 },
        { variantId: draft.variants[0].id, quantity: 1 },
        { variantId: 987_654_321, quantity: 1 },
      ])
    )
    assert.deepEqual(cart.lines.map((line) => [line.requestedQuantity, line.quantity]), [[5, 2], [1, 0], [40, 40], [1, 0]])
    assert.deepEqual(kinds(cart.messages), ['quantity_reduced', 'price_changed', 'out_of_stock', 'unavailable', 'unavailable'])
    assert.include(cart.messages[0].text, 'Only 2 of')
    assert.include(cart.messages[1].text, 'from $12.00 to $15.00')
    assert.isTrue(cart.lines[0].priceChanged)
    assert.equal(cart.lines[0].available, 2)
    assert.isNull(cart.lines[2].available)
    assert.equal(cart.subtotal, 2 * 1500 + 40 * 700)
    assert.equal(cart.total, cart.subtotal)
  })

  test('fixed amounts are capped at the subtotal and spread exactly over three lines', async ({ assert }) => {
    const variants = await Promise.all([variantAt(100), variantAt(100), variantAt(100)])
    const big = await DiscountFactory.merge({ kind: 'fixed_amount', value: 10_000 }).create()
    const small = await DiscountFactory.merge({ kind: 'fixed_amount', value: 100 }).create()
    const lines = variants.map((variant) => ({ variantId: variant.id, quantity: 1 }))

    const capped = await priceCart(input(lines, { discountCode: big.code }))
    assert.equal(capped.discountTotal, 300)
    assert.equal(capped.total, 0)
    const spread = await priceCart(input(lines, { discountCode: small.code }))
    assert.deepEqual(spread.lines.map((line) => line.discountAmount), [34, 33, 33])
    assert.equal(spread.total, 200)
  })

  test('refused codes: unknown, not started, expired, inactive, used up, below minimum', async ({ assert }) => {
    const variant = await variantAt(2000)
    const lines = [{ variantId: variant.id, quantity: 1 }]
    const codes = await Promise.all([
      DiscountFactory.merge({ startsAt: DateTime.now().plus({ days: 1 }) }).create(),
      DiscountFactory.merge({ endsAt: DateTime.now().minus({ minutes: 1 }), startsAt: DateTime.now().minus({ days: 2 }) }).create(),
      DiscountFactory.merge({ active: false }).create(),
      DiscountFactory.merge({ usageLimit: 3, usageCount: 3 }).create(),
      DiscountFactory.merge({ minimumSubtotal: 2001 }).create(),
    ])
    const answers = [await priceCart(input(lines, { discountCode: 'NO-SUCH-CODE' }))]
    for (const discount of codes) answers.push(await priceCart(input(lines, { discountCode: discount.code })))
    assert.deepEqual(
      answers.map((cart) => kinds(cart.messages)[0]),
      ['discount_invalid', 'discount_invalid', 'discount_invalid', 'discount_invalid', 'discount_invalid', 'discount_not_applicable']
    )
    assert.include(answers[2].messages[0].text, 'expired')
    assert.include(answers[5].messages[0].text, '$20.01')
    for (const cart of answers) {
      assert.isNull(cart.discount)
      assert.equal(cart.total, 2000)
    }
  })

  test('shipping: cheapest by default, choice honoured, heavy parcels drop a tier, free over a threshold', async ({ assert }) => {
    const heavy = await variantAt(3000, 100, { weightGrams: 1500 })
    const country = testCountryCode()
    const zone = await ShippingZoneFactory.merge({ countries: [country] })
      .with('methods', 3, (methods) =>
        methods.merge([
          { name: 'Courier', kind: 'flat', amount: 1500, position: 1 },
          { name: 'Post', kind: 'weight', amount: 0, weightTiers: [{ upToGrams: 2000, amount: 450 }, { upToGrams: 4000, amount: 800 }], position: 2 },
          { name: 'Standard', kind: 'free_over', amount: 600, freeOverAmount: 9000, position: 3 },
        ])
      )
      .create()
    const [courier, post, standard] = zone.methods
    const to = { countryCode: country }

    const one = await priceCart(input([{ variantId: heavy.id, quantity: 1 }], { shippingAddress: to }))
    assert.deepEqual(one.shippingOptions.map((o) => [o.name, o.amount]), [['Post', 450], ['Standard', 600], ['Courier', 1500]])
    assert.equal(one.shippingMethod?.id, post.id)
    const chosen = await priceCart(input([{ variantId: heavy.id, quantity: 1 }], { shippingAddress: to, shippingMethodId: courier.id }))
    assert.equal(chosen.shippingTotal, 1500)
    const two = await priceCart(input([{ variantId: heavy.id, quantity: 2 }], { shippingAddress: to }))
    assert.equal(two.shippingMethod?.amount, 600) // 3000 g: second post tier is 800
    const three = await priceCart(input([{ variantId: heavy.id, quantity: 3 }], { shippingAddress: to, shippingMethodId: post.id }))
    // 4500 g: post cannot take it; 9000 reaches the free threshold
    assert.deepEqual(three.shippingOptions.map((o) => o.id), [standard.id, courier.id])
    assert.equal(three.shippingMethod?.id, standard.id)
    assert.equal(three.shippingTotal, 0)
  })

  test('free-shipping codes zero the shipping and report what they saved; no zone means a message', async ({ assert }) => {
    const variant = await variantAt(1000)
    const country = testCountryCode()
    await ShippingZoneFactory.merge({ countries: [country] }).with('methods', 1, (m) => m.merge({ amount: 750 })).create()
    const code = await DiscountFactory.apply('freeShipping').create()
    const lines = [{ variantId: variant.id, quantity: 1 }]

    const free = await priceCart(input(lines, { discountCode: code.code, shippingAddress: { countryCode: country } }))
    assert.equal(free.shippingTotal, 0)
    assert.equal(free.discountTotal, 0)
    assert.deepEqual(free.discount, { id: code.id, code: code.code, kind: 'free_shipping', amount: 750 })
    assert.equal(free.total, 1000)

    const nowhere = await priceCart(input(lines, { shippingAddress: { countryCode: testCountryCode() } }))
    assert.deepEqual(kinds(nowhere.messages), ['shipping_unavailable'])
    assert.isNull(nowhere.shippingMethod)
    const digital = await variantAt(1000, 100, { requiresShipping: false })
    const download = await priceCart(input([{ variantId: digital.id, quantity: 1 }], { shippingAddress: { countryCode: country } }))
    assert.isFalse(download.requiresShipping)
    assert.deepEqual(download.messages, [])
  })
})
