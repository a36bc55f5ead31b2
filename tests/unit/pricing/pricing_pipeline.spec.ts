import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import testUtils from '@adonisjs/core/services/test_utils'
import { PluginHost } from '#plugin_host/host'
import { definePlugin } from '#plugin_host/define_plugin'
import PriceCart from '#actions/cart/price_cart'
import { PricingPipeline } from '#pricing/pipeline'
import { CORE_PRICING_STEPS } from '#pricing/core_steps'
import { allocateProportionally, basisPointsOf } from '#pricing/arithmetic'
import {
  CORE_PRICING_STEP_NAMES,
  type PricingInput,
  type PricingStepFn,
  type PricingStepPosition,
} from '#plugin_host/extension_points/pricing'
import { ProductFactory } from '#database/factories/product_factory'
import { CustomerFactory } from '#database/factories/customer_factory'
import { DiscountFactory } from '#database/factories/discount_factory'
import { TaxRateFactory } from '#database/factories/tax_rate_factory'
import { testCountryCode } from '#database/factories/shipping_factory'

/** Members (signed-in customers) get `percent` off their merchandise, spread over the lines like a code. */
function memberDiscount(percent: number): PricingStepFn {
  return (state, input) => {
    if (!input.customerId) return
    const amount = basisPointsOf(state.subtotal - state.discountTotal, percent * 100)
    const shares = allocateProportionally(amount, state.lines.map((line) => line.subtotal - line.discountAmount))
    state.lines.forEach((line, index) => {
      line.discountAmount += shares[index]
      line.total = line.subtotal - line.discountAmount
    })
    state.discountTotal += amount
  }
}

function pluginWithSteps(name: string, steps: Array<[string, PricingStepFn, PricingStepPosition?]>) {
  return definePlugin({
    name,
    version: '1.0.0',
    register(ctx) {
      for (const [stepName, apply, position] of steps) ctx.pricing.step(stepName, apply, position)
    },
  })
}

async function hostWith(...plugins: ReturnType<typeof definePlugin>[]) {
  const host = new PluginHost(app, logger, '0.1.0')
  await host.register(plugins)
  return host
}

const noop: PricingStepFn = () => {}

test.group('Pricing | pipeline registry', () => {
  test("core's steps are registered under their documented names, in order", ({ assert }) => {
    assert.deepEqual(new PricingPipeline(CORE_PRICING_STEPS).names(), [...CORE_PRICING_STEP_NAMES])
  })

  test('plugin steps sit before or after any step; steps at the same place keep the plugin list order', async ({ assert }) => {
    const host = await hostWith(
      pluginWithSteps('first', [
        ['first_after_discounts', noop, { after: 'discounts' }],
        ['first_before_tax', noop, { before: 'tax' }],
        ['first_last', noop],
      ]),
      pluginWithSteps('second', [
        ['second_after_discounts', noop, { after: 'discounts' }],
        ['second_before_tax', noop, { before: 'tax' }],
        ['second_before_line_prices', noop, { before: 'line_prices' }],
        ['second_after_first', noop, { after: 'first_last' }],
      ])
    )
    assert.deepEqual(host.pricing.names(), [
      'second_before_line_prices',
      'line_prices',
      'discounts',
      'first_after_discounts',
      'second_after_discounts',
      'shipping',
      'first_before_tax',
      'second_before_tax',
      'tax',
      'first_last',
      'second_after_first',
    ])
  })

  test('an unknown anchor stops boot with a message naming the plugin, the step and the anchor', async ({ assert }) => {
    const error = await hostWith(pluginWithSteps('members', [['member_discount', noop, { before: 'taxes' }]])).catch((e) => e)
    assert.equal(
      error.message,
      'Plugin "members": register() failed: pricing step "member_discount" is placed before "taxes", ' +
        'which is not a registered pricing step (steps: line_prices, discounts, shipping, tax)'
    )
  })

  test('a step name already taken, by core or an earlier plugin, stops boot naming both', async ({ assert }) => {
    const core = await hostWith(pluginWithSteps('rounding', [['tax', noop]])).catch((e) => e)
    assert.equal(core.message, 'Plugin "rounding": register() failed: pricing step "tax" is already registered by core')
    const plugin = await hostWith(
      pluginWithSteps('members', [['member_discount', noop]]),
      pluginWithSteps('vip', [['member_discount', noop, { after: 'discounts' }]])
    ).catch((e) => e)
    assert.equal(plugin.message, 'Plugin "vip": register() failed: pricing step "member_discount" is already registered by plugin "members"')
  })
})

test.group('Pricing | plugin steps in every pricing call', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => app.container.restore(PricingPipeline))

  /** One untracked, unshipped item at 100.00 and a 10 % tax added on top in a test country. */
  async function taxedCart(): Promise<PricingInput> {
    const product = await ProductFactory.with('variants', 1, (variant) =>
      variant.merge({ price: 10_000, trackInventory: false, requiresShipping: false })
    ).create()
    const country = testCountryCode()
    await TaxRateFactory.merge({ countryCode: country, rate: 1000, pricesIncludeTax: false }).create()
    const customer = await CustomerFactory.create()
    return {
      currency: 'USD',
      lines: [{ variantId: product.variants[0].id, quantity: 1 }],
      shippingAddress: { countryCode: country },
      customerId: customer.id,
    }
  }

  async function priceWith(position: PricingStepPosition, input: PricingInput) {
    const host = await hostWith(pluginWithSteps('members', [['member_discount', memberDiscount(10), position]]))
    app.container.swap(PricingPipeline, () => host.pricing)
    return (await app.container.make(PriceCart)).handle(input)
  }

  test('a 10 % member discount before tax lowers the tax base and the total', async ({ assert }) => {
    const input = await taxedCart()
    const plain = await (await app.container.make(PriceCart)).handle(input)
    assert.deepInclude(plain, { subtotal: 10_000, discountTotal: 0, taxTotal: 1000, total: 11_000 })

    const member = await priceWith({ before: 'tax' }, input)
    assert.deepInclude(member, { subtotal: 10_000, discountTotal: 1000, taxTotal: 900, total: 9900 })
    assert.deepInclude(member.lines[0], { discountAmount: 1000, taxAmount: 900, total: 9900 })

    const guest = await priceWith({ before: 'tax' }, { ...input, customerId: null })
    assert.equal(guest.total, 11_000)
  })

  test('the same step after tax leaves the tax on the full price', async ({ assert }) => {
    const member = await priceWith({ after: 'tax' }, await taxedCart())
    assert.deepInclude(member, { discountTotal: 1000, taxTotal: 1000, total: 10_000 })
  })

  test('a code and a member discount stack without discounting the same cents twice', async ({ assert }) => {
    const input = await taxedCart()
    const code = await DiscountFactory.merge({ kind: 'percentage', value: 2000 }).create()
    const priced = await priceWith({ before: 'discounts' }, { ...input, discountCode: code.code })
    // 10 % of 100.00, then 20 % of the 90.00 left; tax on 72.00
    assert.deepInclude(priced, { discountTotal: 1000 + 1800, taxTotal: 720, total: 7200 + 720 })
    assert.equal(priced.discount?.amount, 1800)
  })
})
