import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { HttpAgent } from '#tests/helpers/http_agent'
import { addToCart } from '#tests/helpers/checkout_flow'
import { stockedVariants } from '#tests/helpers/checkout'
import { signIn, uniqueEmail } from '#tests/helpers/accounts'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { signedInStaff } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { decoded, valueOf } from '#tests/helpers/form_messages'
import { EXPIRED_FORM_MESSAGE } from '#exceptions/handler'

const SESSION_COOKIE = 'stockroom-session'

/**
 * Opens a page holding a form, then lets the session expire (its cookie is
 * gone, as after two idle hours): the page's token no longer matches.
 */
async function staleTokenFrom(agent: HttpAgent, page: string) {
  const token = await agent.csrfTokenFrom(page)
  agent.cookies.delete(SESSION_COOKIE)
  return token
}

/** The flash area of a page (where the expired-session message shows) with what follows it closely. */
function flashArea(html: string) {
  const start = html.indexOf('<div class="flash-area"')
  return start < 0 ? '' : decoded(html.slice(start, start + 600))
}

async function cartOfOne() {
  const { variants } = await stockedVariants([{ price: 900, stock: 20 }])
  const agent = new HttpAgent()
  await addToCart(agent, variants[0].id, 1)
  return { agent, variantId: variants[0].id }
}

test.group('Security | a form posted after the session expired', (group) => {
  group.each.setup(() => clearRateLimits())

  test('cart quantity: back to the cart with the reason and the typed quantity; the line is unchanged', async ({ assert }) => {
    const { agent, variantId } = await cartOfOne()
    const _csrf = await staleTokenFrom(agent, '/cart')
    const posted = await agent.post(
      `/cart/lines/${variantId}?_method=PATCH`,
      { _csrf, line: String(variantId), quantity: '7' },
      { referer: `${agent.baseUrl}/cart` }
    )
    assert.equal(posted.status, 302)
    assert.equal(new URL(posted.location!, agent.baseUrl).pathname, '/cart')

    const cart = (await agent.get('/cart')).text
    assert.include(flashArea(cart), EXPIRED_FORM_MESSAGE)
    assert.equal(valueOf(cart, `quantity-${variantId}`), '7')
    const lines = await db.from('cart_lines').where('variant_id', variantId)
    assert.deepEqual(lines.map((line) => line.quantity), [1])

    // The page it came back to has a fresh token: the same change now goes through.
    const retried = await agent.submit('/cart', `/cart/lines/${variantId}?_method=PATCH`, { quantity: '7' })
    assert.equal(retried.status, 303)
    assert.deepEqual((await db.from('cart_lines').where('variant_id', variantId)).map((line) => line.quantity), [7])
  })

  test('checkout address: refilled with what was typed, nothing saved', async ({ assert }) => {
    const { agent } = await cartOfOne()
    const email = uniqueEmail('expired')
    const _csrf = await staleTokenFrom(agent, '/checkout')
    const posted = await agent.post(
      '/checkout',
      { _csrf, email, first_name: 'Ada', last_name: 'Lovelace', line1: '12 Mill Lane', city: 'Leeds', postal_code: 'LS1 4AP', country_code: 'GB' },
      { referer: `${agent.baseUrl}/checkout` }
    )
    assert.equal(posted.status, 302)
    const page = (await agent.get('/checkout')).text
    assert.include(flashArea(page), EXPIRED_FORM_MESSAGE)
    assert.equal(valueOf(page, 'checkout-email'), email)
    assert.equal(valueOf(page, 'checkout-line1'), '12 Mill Lane')
    assert.equal(valueOf(page, 'checkout-postal-code'), 'LS1 4AP')
    assert.match(page, /<option value="GB" selected>/)
    assert.isNull(await db.from('carts').where('email', email).first())
    assert.notEqual((await agent.get('/checkout/shipping')).status, 200, 'the details step was not passed')
  })

  test('sign-up: the email comes back, the password never does', async ({ assert }) => {
    const agent = new HttpAgent()
    const email = uniqueEmail('expired')
    const _csrf = await staleTokenFrom(agent, '/account/sign-up')
    await agent.post(
      '/account/sign-up',
      { _csrf, email, first_name: 'Grace', password: 'a long enough secret', password_confirmation: 'a long enough secret' },
      { referer: `${agent.baseUrl}/account/sign-up` }
    )
    const page = (await agent.get('/account/sign-up')).text
    assert.include(flashArea(page), EXPIRED_FORM_MESSAGE)
    assert.equal(valueOf(page, 'account-sign-up-email'), email)
    assert.equal(valueOf(page, 'account-sign-up-first-name'), 'Grace')
    assert.notInclude(page, 'a long enough secret')
    assert.isNull(await db.from('customers').where('email', email).first())
  })

  test('account form: the reason is said on the sign-in page the expired session leads to', async ({ assert }) => {
    const customer = await CustomerFactory.merge({ emailVerifiedAt: DateTime.utc() }).create()
    const shopper = new HttpAgent()
    await signIn(shopper, customer.email, CUSTOMER_PASSWORD)
    const token = await staleTokenFrom(shopper, '/account')
    const posted = await shopper.post('/account/profile', { _csrf: token, first_name: 'Changed' }, { referer: `${shopper.baseUrl}/account` })
    const toSignIn = await shopper.get(posted.location!)
    assert.equal(new URL(toSignIn.location!, shopper.baseUrl).pathname, '/account/sign-in')
    assert.include(flashArea((await shopper.get(toSignIn.location!)).text), EXPIRED_FORM_MESSAGE)
    await customer.refresh()
    assert.notEqual(customer.firstName, 'Changed')
  })

  test('back-office form: the reason is said on the staff sign-in page', async ({ assert }) => {
    const { agent: staff } = await signedInStaff('owner')
    const marker = `expired-${Date.now()}`
    const staffToken = await staleTokenFrom(staff, '/admin/shipping/zones/new')
    const refused = await staff.post('/admin/shipping/zones', { _csrf: staffToken, name: marker, countries: 'US' }, { referer: `${staff.baseUrl}/admin/shipping/zones/new` })
    const toLogin = await staff.get(refused.location!)
    assert.equal(new URL(toLogin.location!, staff.baseUrl).pathname, '/admin/login')
    assert.include(flashArea((await staff.get(toLogin.location!)).text), EXPIRED_FORM_MESSAGE)
    assert.isNull(await db.from('shipping_zones').where('name', marker).first())
  })

  test('htmx: the page reloads (its token is stale) and then shows the reason and the typed quantity', async ({ assert }) => {
    const { agent, variantId } = await cartOfOne()
    const _csrf = await staleTokenFrom(agent, '/cart')
    const posted = await agent.post(
      `/cart/lines/${variantId}?_method=PATCH`,
      { _csrf, line: String(variantId), quantity: '4' },
      { 'HX-Request': 'true', 'HX-Target': 'cart', 'X-CSRF-TOKEN': _csrf, 'referer': `${agent.baseUrl}/cart` }
    )
    assert.equal(posted.status, 403)
    assert.equal(posted.headers.get('hx-refresh'), 'true')
    assert.equal(posted.text, EXPIRED_FORM_MESSAGE)

    const reloaded = (await agent.get('/cart')).text
    assert.include(flashArea(reloaded), EXPIRED_FORM_MESSAGE)
    assert.equal(valueOf(reloaded, `quantity-${variantId}`), '4')
    assert.deepEqual((await db.from('cart_lines').where('variant_id', variantId)).map((line) => line.quantity), [1])
  })

  test('a client asking for JSON gets a 403 with a message, not a redirect to a page', async ({ assert }) => {
    const { agent, variantId } = await cartOfOne()
    const _csrf = await staleTokenFrom(agent, '/cart')
    const posted = await agent.post(`/cart/lines/${variantId}?_method=PATCH`, { _csrf, quantity: '3' }, { accept: 'application/json' })
    assert.equal(posted.status, 403)
    assert.isNull(posted.location)
    assert.isString(JSON.parse(posted.text).message)
    assert.deepEqual((await db.from('cart_lines').where('variant_id', variantId)).map((line) => line.quantity), [1])
  })
})
