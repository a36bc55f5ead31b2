import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import { transitionOrder } from '#models/order_transitions'
import { HttpAgent, type AgentResponse } from '#tests/helpers/http_agent'
import { addToCart, checkoutUpToReview, hiddenField, placeOrderForm } from '#tests/helpers/checkout_flow'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { flatShipping, stockLevel, stockedVariants } from '#tests/helpers/checkout'

// Norway: no other test ships there.
const COUNTRY = 'NO'

const address = {
  email: 'walk.through@example.test',
  first_name: 'Ingrid',
  last_name: 'Bergman',
  line1: 'Karl Johans gate 1',
  city: 'Oslo',
  postal_code: '0154',
  country_code: COUNTRY,
}

const hidden = hiddenField
const upToReview = (agent: HttpAgent, methodId: number, details = address) => checkoutUpToReview(agent, methodId, details)
const place = (agent: HttpAgent, review: AgentResponse) => agent.post('/checkout/place', placeOrderForm(review))

test.group('Storefront | checkout', (group) => {
  let shippingMethodId: number
  group.setup(async () => {
    shippingMethodId = await flatShipping(COUNTRY, 900, 'Posten')
  })

  test('a guest checks out: details, shipping, review, place, then the order page', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 2450, stock: 4, title: 'Blue' }])
    const agent = new HttpAgent()
    await addToCart(agent, variants[0].id, 2)

    const details = await agent.get('/checkout')
    assert.equal(details.status, 200)
    assert.equal(details.headers.get('cache-control'), 'private, no-store')
    assert.include(details.text, 'for="checkout-postal-code"')
    // Shopify's order: email, country, name, address, city, postal code
    const fieldOrder = ['checkout-email', 'checkout-country-code', 'checkout-first-name', 'checkout-line1', 'checkout-city', 'checkout-postal-code']
    const positions = fieldOrder.map((id) => details.text.indexOf(`id="${id}"`))
    assert.notInclude(positions, -1)
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'the address fields in checkout order')

    // invalid postal code for Norway: back to the form with the error beside the field
    const refused = await agent.submit('/checkout', '/checkout', { ...address, postal_code: 'ABC' })
    assert.equal(refused.status, 302)
    const again = await agent.get('/checkout')
    assert.match(again.text, /id="checkout-postal-code-error">Enter a valid postal code/)
    assert.include(again.text, 'value="Karl Johans gate 1"')

    const review = await upToReview(agent, shippingMethodId)
    assert.equal(review.status, 200)
    assert.match(review.text, /<span aria-current="step">3\. Review<\/span>/)
    assert.match(review.text, /<span>4\. Payment<\/span>/)

    // htmx: the summary fragment for a shipping choice, without the layout
    const fragment = await agent.get(`/checkout/summary?shipping_method_id=${shippingMethodId}`, { 'HX-Request': 'true' })
    assert.equal(fragment.status, 200)
    assert.match(fragment.text, /^<section id="checkout-summary"/)
    assert.notInclude(fragment.text, '<html')
    assert.include(fragment.headers.get('vary') ?? '', 'HX-Request')
    assert.include(fragment.text, '$58.00')
    // A junk choice is dropped by the validator: the summary still renders with the saved method.
    const junk = await agent.get('/checkout/summary?shipping_method_id=1%20OR%201=1', { 'HX-Request': 'true' })
    assert.equal(junk.status, 200)
    assert.include(junk.text, '$58.00')
    assert.include(review.text, 'Posten')
    // 2 × 24.50 + 9.00 shipping
    assert.equal(hidden(review.text, 'expected_total'), '5800')
    assert.include(review.text, '$58.00')
    // payment follows on its own page (every driver has a step there): the button says so
    assert.match(review.text, /<button [^>]*type="submit"[^>]*>\s*Continue to payment\s*<\/button>/)
    assert.notInclude(review.text, 'Place order')

    const placed = await place(agent, review)
    assert.equal(placed.status, 303)
    const token = /^\/orders\/([^/]+)\/pay$/.exec(placed.location ?? '')?.[1]
    assert.isString(token)

    const order = await Order.query().where('public_token', token!).preload('lines').firstOrFail()
    assert.equal(order.email, address.email)
    assert.equal(order.total, 5800)
    assert.equal(order.shippingMethodName, 'Posten')
    assert.deepEqual(order.shippingAddress?.postalCode, '0154')
    assert.lengthOf(order.lines, 1)
    assert.deepEqual(await stockLevel(variants[0].id), { onHand: 4, reserved: 2 })

    const status = await agent.get(`/orders/${token}`)
    assert.equal(status.status, 200)
    assert.equal(status.headers.get('cache-control'), 'private, no-store')
    assert.include(status.text, `Order #${order.number}`)
    assert.include(status.text, 'Order placed')
    assert.include(status.text, '$58.00')
    assert.include(status.text, 'Karl Johans gate 1')
    assert.include(status.text, 'Pay now')

    // once paid, the same page is the confirmation
    await db.transaction(async (trx) => {
      order.useTransaction(trx)
      await transitionOrder(order, 'payment_status', 'paid', { trx, actor: 'test' })
      await transitionOrder(order, 'status', 'open', { trx, actor: 'test' })
    })
    const confirmation = await agent.get(`/orders/${token}`)
    assert.include(confirmation.text, `Thank you! Order #${order.number} is confirmed`)
    assert.include(confirmation.text, 'Payment received')
    assert.notInclude(confirmation.text, 'Pay now')

    // the cart became the order
    const cart = await agent.get('/checkout')
    assert.equal(cart.status, 303)
    assert.equal(cart.location, '/cart')
  })

  test('checkout and the payment page keep the shopper on the purchase: no menu, search, collections or newsletter', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 1200, stock: 3, title: 'Grey' }])
    const agent = new HttpAgent()
    await addToCart(agent, variants[0].id, 1)
    await upToReview(agent, shippingMethodId)
    const pages: Array<[string, AgentResponse]> = []
    for (const path of ['/checkout', '/checkout/shipping', '/checkout/review']) pages.push([path, await agent.get(path)])
    const placed = await place(agent, pages[2][1])
    const payPath = placed.location!
    assert.match(payPath, /^\/orders\/[^/]+\/pay$/)
    pages.push([payPath, await agent.get(payPath)])

    for (const [path, page] of pages) {
      assert.equal(page.status, 200, path)
      const header = /<header[\s\S]*?<\/header>/.exec(page.text)?.[0] ?? ''
      // the store's name leads back to the cart; nothing else to click on the way
      assert.match(header, /<a class="store-brand" href="\/cart">/, path)
      assert.notInclude(header, 'role="search"', path)
      assert.notInclude(header, 'id="menu-drawer"', path)
      assert.notInclude(header, 'id="mini-cart"', path)
      assert.notInclude(page.text, 'aria-label="Collections"', path)
      assert.notInclude(page.text, 'id="footer-newsletter"', path)
      assert.notInclude(page.text, 'id="footer-shop"', path)
      assert.notInclude(page.text, 'id="cart-drawer"', path)
      assert.include(page.text, 'class="checkout-steps"', path)
    }

    // the order page is back in the shop: its header has search again
    const orderPage = await agent.get(payPath.replace(/\/pay$/, ''))
    assert.include(orderPage.text, 'role="search"')
  })

  test('an unknown order token is a 404, and numeric ids are not accepted', async ({ assert }) => {
    const agent = new HttpAgent()
    assert.equal((await agent.get('/orders/not-a-real-token')).status, 404)
    const order = await Order.query().orderBy('id', 'desc').first()
    if (order) assert.equal((await agent.get(`/orders/${order.id}`)).status, 404)
  })

  test('a double-clicked Place order makes one order and both answers go to its payment', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 1000, stock: 5 }])
    const agent = new HttpAgent()
    await addToCart(agent, variants[0].id)
    const review = await upToReview(agent, shippingMethodId, { ...address, email: 'double.click@example.test' })
    const form = {
      checkout_token: hidden(review.text, 'checkout_token')!,
      expected_total: hidden(review.text, 'expected_total')!,
      _csrf: (await agent.csrfTokenFrom('/checkout/review')),
    }
    const [first, second] = await Promise.all([agent.post('/checkout/place', form), agent.post('/checkout/place', form)])
    assert.equal(first.status, 303)
    assert.equal(second.status, 303)
    assert.equal(first.location, second.location)
    assert.match(first.location!, /^\/orders\/[^/]+\/pay$/)
    assert.lengthOf(await Order.query().where('checkout_token', form.checkout_token), 1)
    assert.deepEqual(await stockLevel(variants[0].id), { onHand: 5, reserved: 1 })
  })

  test('the last unit goes to one shopper; the other is told it sold out', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 1500, stock: 1, title: 'Last' }])
    const first = new HttpAgent()
    const second = new HttpAgent()
    await addToCart(first, variants[0].id)
    await addToCart(second, variants[0].id)
    const firstReview = await upToReview(first, shippingMethodId, { ...address, email: 'first@example.test' })
    const secondReview = await upToReview(second, shippingMethodId, { ...address, email: 'second@example.test' })

    assert.equal((await place(first, firstReview)).status, 303)
    const refused = await place(second, secondReview)
    assert.equal(refused.status, 303)
    assert.equal(refused.location, '/checkout/review')
    const answer = await second.get('/checkout/review')
    assert.match(answer.text, /We could not place your order/)
    assert.match(answer.text, /Last\)? is sold out\./)
    assert.deepEqual(await stockLevel(variants[0].id), { onHand: 1, reserved: 1 })
  })

  test('a customer signs in at checkout: new session, guest cart kept, saved address offered', async ({ assert }) => {
    const customer = await CustomerFactory.with('addresses', 1, (addresses) =>
      addresses.merge({ countryCode: COUNTRY, postalCode: '5003', city: 'Bergen', line1: 'Bryggen 3' })
    ).create()
    const { variants } = await stockedVariants([{ price: 700, stock: 3 }])
    const agent = new HttpAgent()
    await addToCart(agent, variants[0].id)
    await agent.get('/checkout')
    const sessionBefore = agent.cookies.get('stockroom-session')

    const wrong = await agent.submit('/checkout', '/customer/sign-in', { email: customer.email, password: 'not it' })
    assert.equal(wrong.location, '/checkout')
    assert.include((await agent.get('/checkout')).text, 'do not match an account')

    const signedIn = await agent.submit('/checkout', '/customer/sign-in', { email: customer.email, password: CUSTOMER_PASSWORD })
    assert.equal(signedIn.location, '/checkout')
    assert.notEqual(agent.cookies.get('stockroom-session'), sessionBefore)

    const page = await agent.get('/checkout')
    assert.include(page.text, `You are checking out as ${customer.email}`)
    assert.include(page.text, 'Bryggen 3')
    const address = await db.from('addresses').where('customer_id', customer.id).first()

    const saved = await agent.submit('/checkout', '/checkout', { email: customer.email, address_id: String(address.id) })
    assert.equal(saved.location, '/checkout/shipping')
    await agent.submit('/checkout/shipping', '/checkout/shipping', { shipping_method_id: String(shippingMethodId) })
    const review = await agent.get('/checkout/review')
    assert.include(review.text, 'Bryggen 3')
    // the contact email may wrap at its @ on a phone, not mid-word
    const at = customer.email.lastIndexOf('@')
    assert.include(review.text, `${customer.email.slice(0, at)}<wbr>${customer.email.slice(at)}`)
    const csrf = await agent.csrfTokenFrom('/checkout/review')
    const placed = await place(agent, review)
    assert.equal(placed.status, 303)
    const order = await Order.query().where('customer_id', customer.id).firstOrFail()
    assert.equal(order.shippingAddress?.city, 'Bergen')

    const signedOut = await agent.post('/customer/sign-out', { _csrf: csrf })
    assert.equal(signedOut.status, 302)
    await addToCart(agent, variants[0].id)
    const asGuest = await agent.get('/checkout')
    assert.notInclude(asGuest.text, 'You are checking out as')
    assert.include(asGuest.text, 'Have an account? Sign in')
  })
})
