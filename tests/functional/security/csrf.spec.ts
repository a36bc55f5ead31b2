import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ProductFactory } from '#database/factories/product_factory'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent, extractCsrfToken } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { orderOf, uniqueEmail } from '#tests/helpers/accounts'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/** A refused CSRF check: redirected back (302) or forbidden, never the action's own answer. */
function assertRefused(assert: any, response: { status: number }, what: string) {
  assert.oneOf(response.status, [302, 403], what)
}

test.group('Security | CSRF on every area', (group) => {
  group.each.setup(() => clearRateLimits())

  test('admin forms (catalog, collections, shipping, orders) refuse a missing or forged token and change nothing', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    await agent.get('/admin')
    const marker = `csrf-${uniqueSuffix()}`
    const order = await orderOf(null)
    const forms: Array<[string, Record<string, string>]> = [
      ['/admin/products', { title: marker, status: 'draft', 'variants[0][price]': '10.00' }],
      ['/admin/collections', { title: marker, handle: marker, kind: 'manual', sortOrder: 'manual' }],
      ['/admin/shipping/zones', { name: marker, countries: 'US' }],
      [`/admin/orders/${order.id}/notes`, { body: marker }],
    ]
    for (const [action, form] of forms) {
      assertRefused(assert, await agent.post(action, form), `${action} without token`)
      assertRefused(assert, await agent.post(action, { ...form, _csrf: 'forged' }), `${action} forged`)
      assertRefused(assert, await agent.post(action, form, { 'X-CSRF-TOKEN': 'forged', 'HX-Request': 'true' }), `${action} forged htmx header`)
    }
    assert.isNull(await db.from('products').where('title', marker).first())
    assert.isNull(await db.from('collections').where('title', marker).first())
    assert.isNull(await db.from('shipping_zones').where('name', marker).first())
    assert.notInclude((await agent.get(`/admin/orders/${order.id}`)).text, marker)

    // The control: the same forms pass with the page's token, in the field or in htmx's header.
    const token = extractCsrfToken((await agent.get('/admin/shipping/zones/new')).text)!
    const saved = await agent.post('/admin/shipping/zones', { name: marker, countries: 'US' }, { 'X-CSRF-TOKEN': token })
    assert.oneOf(saved.status, [302, 303])
    assert.isNotNull(await db.from('shipping_zones').where('name', marker).first())
  })

  test('sign-in forms (admin and storefront) and sign-up refuse a missing token and sign nobody in', async ({ assert }) => {
    const staff = await StaffUserFactory.apply('owner').create()
    const agent = new HttpAgent()
    await agent.get('/admin/login')
    assertRefused(assert, await agent.post('/admin/login', { email: staff.email, password: STAFF_PASSWORD }), 'admin login')
    assert.equal((await agent.get('/admin')).status, 302)

    const shopper = new HttpAgent()
    await shopper.get('/account/sign-up')
    const email = uniqueEmail('csrf')
    const form = { email, password: 'long enough secret', password_confirmation: 'long enough secret', first_name: 'X' }
    assertRefused(assert, await shopper.post('/account/sign-up', form), 'sign-up')
    assertRefused(assert, await shopper.post('/customer/sign-in', { email, password: 'long enough secret' }), 'checkout sign-in')
    assert.isNull(await db.from('customers').where('email', email).first())
  })

  test('cart and checkout changes need the token; adding a line is refused from another site', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    await product.load('variants')
    const variantId = product.variants[0].id
    const agent = new HttpAgent()
    await agent.get(`/products/${product.handle}`)

    const crossSite = await agent.post('/cart/lines', { variantId: String(variantId), quantity: '1' }, { origin: 'https://evil.example' })
    assert.oneOf(crossSite.status, [403, 400], 'cross-site add to cart')
    const added = await agent.post('/cart/lines', { variantId: String(variantId), quantity: '1' }, { origin: `http://127.0.0.1:${process.env.PORT}` })
    assert.oneOf(added.status, [302, 303])

    const cartPage = (await agent.get('/cart')).text
    assert.include(cartPage, product.title)
    for (const [action, form] of [
      [`/cart/lines/${variantId}?_method=DELETE`, {}],
      [`/cart/lines/${variantId}?_method=PATCH`, { quantity: '5' }],
      ['/cart/discount', { code: 'ANY' }],
      ['/checkout', { email: uniqueEmail('csrf') }],
      ['/checkout/place', {}],
    ] as Array<[string, Record<string, string>]>) {
      assertRefused(assert, await agent.post(action, form), action)
      assertRefused(assert, await agent.post(action, { ...form, _csrf: 'forged' }), `${action} forged`)
    }
    const lines = await db.from('cart_lines').where('variant_id', variantId)
    assert.lengthOf(lines, 1)
    assert.equal(lines[0].quantity, 1)
  })
})
