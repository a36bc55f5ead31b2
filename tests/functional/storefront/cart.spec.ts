import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import Cart from '#models/cart'
import Variant from '#models/variant'
import { ProductFactory } from '#database/factories/product_factory'
import { DiscountFactory } from '#database/factories/discount_factory'
import { ShippingZoneFactory, testCountryCode } from '#database/factories/shipping_factory'
import { TaxRateFactory } from '#database/factories/tax_rate_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import logger from '@adonisjs/core/services/logger'
import Order from '#models/order'
import { PluginHost } from '#plugin_host/host'
import { definePlugin } from '#plugin_host/define_plugin'
import { PricingPipeline } from '#pricing/pipeline'
import minimumOrder from '#plugins/minimum-order/index'
import { checkoutUpToReview, placeOrderForm } from '#tests/helpers/checkout_flow'
import { flatShipping } from '#tests/helpers/checkout'

const inventoryPort = await app.container.make(InventoryPort)

/** An active product with one variant at `price` and `stock` on hand. */
async function stocked(price = 1999, stock = 10) {
  const product = await ProductFactory.with('variants', 1, (variant) => variant.merge({ price })).create()
  await inventoryPort.adjust({ variantId: product.variants[0].id, delta: stock, reason: 'received' })
  return { product, variant: product.variants[0] }
}

/** A shopper's browser on our origin: the add form posts with a same-origin Origin header, as browsers do. */
function shopper() {
  const agent = new HttpAgent()
  return { agent, origin: { origin: agent.baseUrl, 'sec-fetch-site': 'same-origin' } }
}

async function addToCart(browser: ReturnType<typeof shopper>, variantId: number, quantity = 1, headers: Record<string, string> = {}) {
  return browser.agent.post('/cart/lines', { variantId: String(variantId), quantity: String(quantity) }, { ...browser.origin, ...headers })
}

const htmx = { 'HX-Request': 'true' }

test.group('Storefront | cart', () => {
  test('a guest adds from the cached product page without JS and sees the cart; nobody else does', async ({ assert }) => {
    const { product, variant } = await stocked(1999)
    const browser = shopper()
    const page = await browser.agent.get(`/products/${product.handle}`)
    assert.include(page.text, 'action="/cart/lines"')
    assert.include(page.text, `name="variantId" value="${variant.id}"`)
    assert.notInclude(page.text, 'name="_csrf"')
    assert.include(page.text, 'hx-get="/cart/mini"')

    const added = await addToCart(browser, variant.id, 2)
    assert.equal(added.status, 303)
    assert.equal(added.location, '/cart')
    const cookie = added.headers.getSetCookie().find((line) => line.startsWith('stockroom_cart='))!
    assert.match(cookie, /HttpOnly/i)
    assert.match(cookie, /SameSite=Lax/i)
    assert.notInclude(cookie, String((await Cart.query().orderBy('id', 'desc').firstOrFail()).token))

    const cart = await browser.agent.get('/cart')
    assert.equal(cart.status, 200)
    assert.equal(cart.headers.get('cache-control'), 'private, no-store')
    assert.include(cart.text, `Added ${product.title} to your cart.`)
    assert.include(cart.text, product.title)
    assert.include(cart.text, `id="quantity-${variant.id}"`)
    assert.match(cart.text, /data-total="subtotal">\$39\.98/)

    const mini = await browser.agent.get('/cart/mini', htmx)
    assert.equal(mini.headers.get('cache-control'), 'private, no-store')
    assert.include(mini.text, 'Cart, 2 items')
    assert.include(mini.text, '$39.98')

    const stranger = new HttpAgent()
    assert.include((await stranger.get('/cart')).text, 'Your cart is empty')
    assert.notInclude((await stranger.get('/cart/mini', htmx)).text, 'Cart, 2 items')
  })

  test('htmx add answers in place and raises cart-changed; adding again sums the line', async ({ assert }) => {
    const { product, variant } = await stocked(500)
    const browser = shopper()
    const first = await addToCart(browser, variant.id, 1, htmx)
    assert.equal(first.status, 200)
    assert.equal(first.headers.get('hx-trigger'), 'cart-changed')
    assert.include(first.text, `Added ${product.title}`)
    await addToCart(browser, variant.id, 3, htmx)
    const lines = await db.from('cart_lines').where('variant_id', variant.id)
    assert.lengthOf(lines, 1)
    assert.equal(lines[0].quantity, 4)
    // the unit price shows beside the line total only where it adds to it: "4 × $5.00", nothing for one unit
    assert.match((await browser.agent.get('/cart')).text, /<span class="visually-hidden">Price: <\/span>4 × \$5\.00/)
    const single = shopper()
    await addToCart(single, (await stocked(700)).variant.id, 1, htmx)
    assert.notInclude((await single.agent.get('/cart')).text, 'class="cart-line__price"')
  })

  test('cross-site adds are refused and create nothing', async ({ assert }) => {
    const { variant } = await stocked()
    const browser = shopper()
    const forged = await addToCart(browser, variant.id, 1, { 'sec-fetch-site': 'cross-site' })
    assert.equal(forged.status, 403)
    const oldBrowser = await browser.agent.post('/cart/lines', { variantId: String(variant.id) }, { origin: 'https://evil.example' })
    assert.equal(oldBrowser.status, 403)
    assert.lengthOf(await db.from('cart_lines').where('variant_id', variant.id), 0)
  })

  test('update and remove lines with and without htmx; the CSRF token is required there', async ({ assert }) => {
    const { variant } = await stocked(1000)
    const other = await stocked(250)
    const browser = shopper()
    await addToCart(browser, variant.id, 1)
    await addToCart(browser, other.variant.id, 1)

    const noToken = await browser.agent.post(`/cart/lines/${variant.id}?_method=PATCH`, { quantity: '5' })
    assert.notEqual(noToken.status, 303)
    const updated = await browser.agent.submit('/cart', `/cart/lines/${variant.id}?_method=PATCH`, { quantity: '3' })
    assert.equal(updated.status, 303)
    assert.equal((await db.from('cart_lines').where('variant_id', variant.id).firstOrFail()).quantity, 3)

    const token = (await browser.agent.csrfTokenFrom('/cart'))
    const fragment = await browser.agent.post(`/cart/lines/${other.variant.id}?_method=DELETE`, { _csrf: token }, htmx)
    assert.equal(fragment.status, 200)
    assert.equal(fragment.headers.get('hx-trigger'), 'cart-changed')
    assert.match(fragment.text, /^<section id="cart"/)
    assert.include(fragment.text, 'Item removed.')
    assert.notInclude(fragment.text, `cart-line-${other.variant.id}`)
    assert.match(fragment.text, /data-total="total"><strong>\$30\.00/)

    const zero = await browser.agent.submit('/cart', `/cart/lines/${variant.id}?_method=PATCH`, { quantity: '0' })
    assert.equal(zero.status, 303)
    assert.include((await browser.agent.get('/cart')).text, 'Your cart is empty')
  })

  test('the drawer: GET /cart aimed at it answers its content, and a change made there answers the drawer again', async ({ assert }) => {
    const { product, variant } = await stocked(1250)
    const browser = shopper()
    await addToCart(browser, variant.id, 2)
    const drawer = { ...htmx, 'HX-Target': 'cart-drawer-content' }

    const content = await browser.agent.get('/cart', drawer)
    assert.equal(content.status, 200)
    assert.match(content.text, /^<div id="cart-drawer-content"/)
    assert.include(content.text, product.title)
    assert.match(content.text, /data-total="subtotal">\$25\.00/)
    // the lines are the cart page's, aimed back at the drawer; the code and estimate stay on the page
    assert.include(content.text, `id="cart-line-${variant.id}"`)
    assert.include(content.text, 'hx-target="#cart-drawer-content"')
    assert.notInclude(content.text, 'id="discount-code"')
    assert.include(content.text, 'href="/checkout"')
    assert.include(content.headers.get('vary') ?? '', 'HX-Target')
    assert.equal(content.headers.get('cache-control'), 'private, no-store')

    const token = await browser.agent.csrfTokenFrom('/cart')
    const changed = await browser.agent.post(`/cart/lines/${variant.id}?_method=PATCH`, { _csrf: token, quantity: '3' }, drawer)
    assert.equal(changed.headers.get('hx-trigger'), 'cart-changed')
    assert.match(changed.text, /^<div id="cart-drawer-content"/)
    assert.include(changed.text, 'Quantity updated.')
    assert.match(changed.text, /data-total="subtotal">\$37\.50/)

    // the cart page keeps its own fragment, aimed at itself
    const page = await browser.agent.get('/cart', { ...htmx, 'HX-Target': 'cart' })
    assert.match(page.text, /^<section id="cart"/)
    assert.include(page.text, 'hx-target="#cart"')
  })

  test('when stock falls the quantity is reduced with a message, once; sold out lines stay at zero', async ({ assert }) => {
    const { product, variant } = await stocked(1000, 5)
    const browser = shopper()
    await addToCart(browser, variant.id, 5)
    await inventoryPort.adjust({ variantId: variant.id, delta: -3, reason: 'damaged' })

    const page = await browser.agent.get('/cart')
    assert.match(page.text, new RegExp(`Only 2 of “${product.title} \\(.+\\)” left: we reduced the quantity from 5 to 2\\.`))
    assert.equal((await db.from('cart_lines').where('variant_id', variant.id).firstOrFail()).quantity, 2)
    assert.notInclude((await browser.agent.get('/cart')).text, 'we reduced the quantity')

    await inventoryPort.adjust({ variantId: variant.id, delta: -2, reason: 'damaged' })
    const soldOut = await browser.agent.get('/cart')
    assert.include(soldOut.text, 'is sold out')
    assert.match(soldOut.text, /data-total="total"><strong>\$0\.00/)
  })

  test('a price change since adding is shown once', async ({ assert }) => {
    const { product, variant } = await stocked(1999)
    const browser = shopper()
    await addToCart(browser, variant.id, 1)
    await Variant.query().where('id', variant.id).update({ price: 2499 })

    const page = await browser.agent.get('/cart')
    assert.match(page.text, new RegExp(`The price of “${product.title} \\(.+\\)” changed from \\$19\\.99 to \\$24\\.99 since you added it\\.`))
    assert.match(page.text, /data-total="subtotal">\$24\.99/)
    assert.include(page.text, 'data-kind="price_changed"')
    assert.notInclude((await browser.agent.get('/cart')).text, 'data-kind="price_changed"')
  })

  test('discount codes: applied case-insensitively, refused with a reason, removable', async ({ assert }) => {
    const { variant } = await stocked(2000)
    const code = await DiscountFactory.merge({ value: 2500 }).create()
    const minimum = await DiscountFactory.merge({ minimumSubtotal: 5000 }).create()
    const browser = shopper()
    await addToCart(browser, variant.id, 1)

    const unknown = await browser.agent.submit('/cart', '/cart/discount', { code: 'NOPE-123' })
    assert.equal(unknown.status, 303)
    const refused = await browser.agent.get('/cart')
    assert.include(refused.text, 'The code NOPE-123 is not valid.')
    assert.include(refused.text, 'id="discount-code-error"')

    const token = await browser.agent.csrfTokenFrom('/cart')
    const below = await browser.agent.post('/cart/discount', { code: minimum.code, _csrf: token }, htmx)
    assert.include(below.text, 'needs a subtotal of at least $50.00')
    assert.isNull((await Cart.query().whereNotNull('discount_code').where('discount_code', minimum.code).first()))

    const applied = await browser.agent.post('/cart/discount', { code: code.code.toLowerCase(), _csrf: token }, htmx)
    assert.include(applied.text, `Code ${code.code} applied.`)
    assert.match(applied.text, /data-total="discount">−\$5\.00/)
    assert.match(applied.text, /data-total="total"><strong>\$15\.00/)

    const removed = await browser.agent.post('/cart/discount?_method=DELETE', { _csrf: token }, htmx)
    assert.include(removed.text, 'Code removed.')
    assert.match(removed.text, /data-total="total"><strong>\$20\.00/)
  })

  test('shipping estimate: options for the destination, cheapest first, choice and tax in the total', async ({ assert }) => {
    const { variant } = await stocked(4000)
    const country = testCountryCode()
    const zone = await ShippingZoneFactory.merge({ countries: [country] })
      .with('methods', 2, (methods) =>
        methods.merge([
          { name: 'Express', kind: 'flat', amount: 1500, position: 1 },
          { name: 'Standard', kind: 'free_over', amount: 500, freeOverAmount: 10_000, position: 2 },
        ])
      )
      .create()
    await TaxRateFactory.merge({ countryCode: country, rate: 1000, name: 'Sales tax' }).create()
    const browser = shopper()
    await addToCart(browser, variant.id, 1)

    const estimate = await browser.agent.submit('/cart', '/cart/shipping-estimate', { countryCode: country.toLowerCase(), region: '', postalCode: '12345' })
    assert.equal(estimate.status, 303)
    const page = await browser.agent.get('/cart')
    assert.isBelow(page.text.indexOf('Standard: $5.00'), page.text.indexOf('Express: $15.00'))
    assert.match(page.text, /data-total="shipping">\s*\$5\.00/)
    assert.match(page.text, /data-total="tax">\$4\.00/)
    assert.match(page.text, /data-total="total"><strong>\$49\.00/)

    const express = zone.methods.find((method) => method.name === 'Express')!
    await browser.agent.submit('/cart', '/cart/shipping-method', { shippingMethodId: String(express.id) })
    assert.match((await browser.agent.get('/cart')).text, /data-total="total"><strong>\$59\.00/)

    // The estimate's country is a select over the current ISO codes: one Germany, no withdrawn codes.
    const cartPage = (await browser.agent.get('/cart')).text
    assert.match(cartPage, /<select id="shipping-country" name="countryCode"/)
    assert.lengthOf(cartPage.match(/>Germany<\/option>/g) ?? [], 1)
    assert.notInclude(cartPage, '<option value="DD"')

    const bad = await browser.agent.submit('/cart', '/cart/shipping-estimate', { countryCode: 'Atlantis' })
    assert.equal(bad.status, 303)
    const refused = (await browser.agent.get('/cart')).text
    assert.include(refused, 'id="shipping-country-error"')
    assert.include(refused, 'Choose a country from the list.')
  })
})

test.group('Storefront | cart | plugin pricing steps', (group) => {
  // Portugal: no other test ships there.
  const country = 'PT'
  let methodId: number
  group.setup(async () => {
    methodId = await flatShipping(country, 500)
  })
  group.each.teardown(() => app.container.restore(PricingPipeline))

  /** Prices every storefront page with these plugins; `seen` records each pricing (placing an order runs with a trx). */
  async function pricedWith(plugins: ReturnType<typeof definePlugin>[]) {
    const seen: string[] = []
    const spy = definePlugin({
      name: 'pricing-spy',
      version: '1.0.0',
      register: (ctx) => ctx.pricing.step('spy', (_state, input) => void seen.push(input.trx ? 'order' : 'page')),
    })
    const host = new PluginHost(app, logger, '0.1.0')
    await host.register([...plugins, spy])
    app.container.swap(PricingPipeline, () => host.pricing)
    return seen
  }

  test('the mini cart, the cart, the checkout pages and placing an order all run the registered steps', async ({ assert }) => {
    const { variant } = await stocked(3000)
    const browser = shopper()
    await addToCart(browser, variant.id, 1)
    const seen = await pricedWith([])

    await browser.agent.get('/cart/mini', htmx)
    assert.deepEqual(seen, ['page'])
    await browser.agent.get('/cart')
    assert.deepEqual(seen, ['page', 'page'])
    const review = await checkoutUpToReview(browser.agent, methodId, {
      email: 'steps@example.test',
      first_name: 'Ana',
      last_name: 'Silva',
      line1: 'Rua Augusta 1',
      city: 'Lisboa',
      postal_code: '1100-048',
      country_code: country,
    })
    assert.isAbove(seen.length, 2)
    seen.length = 0
    const placed = await browser.agent.post('/checkout/place', placeOrderForm(review))
    assert.equal(placed.status, 303)
    assert.include(seen, 'order')
  })

  test('below the minimum order the cart hides checkout, checkout sends back to the cart and the order is refused', async ({ assert }) => {
    const { variant } = await stocked(3000)
    const browser = shopper()
    await addToCart(browser, variant.id, 1)
    // The review is reached without a minimum, then the store sets one: placing must still refuse.
    await pricedWith([])
    const review = await checkoutUpToReview(browser.agent, methodId, {
      email: 'minimum@example.test',
      first_name: 'Rui',
      last_name: 'Costa',
      line1: 'Rua Augusta 2',
      city: 'Lisboa',
      postal_code: '1100-048',
      country_code: country,
    })
    await pricedWith([minimumOrder({ amount: 50, currency: 'USD' })])

    const ordersBefore = await Order.query().where('email', 'minimum@example.test').count('* as total')
    const placed = await browser.agent.post('/checkout/place', placeOrderForm(review))
    assert.equal(placed.status, 303)
    const ordersAfter = await Order.query().where('email', 'minimum@example.test').count('* as total')
    assert.deepEqual(ordersAfter[0].$extras.total, ordersBefore[0].$extras.total)

    const checkout = await browser.agent.get('/checkout/review')
    assert.equal(checkout.status, 303)
    assert.equal(checkout.location, '/cart')
    const cart = await browser.agent.get('/cart')
    assert.include(cart.text, 'Orders start at $50.00: add $20.00 more to check out.')
    assert.notInclude(cart.text, '>Check out</a>')

    await addToCart(browser, variant.id, 1)
    const enough = await browser.agent.get('/cart')
    assert.notInclude(enough.text, 'Orders start at')
    assert.include(enough.text, '>Check out</a>')
  })
})
