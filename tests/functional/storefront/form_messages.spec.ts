import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { addToCart } from '#tests/helpers/checkout_flow'
import { flatShipping, stockedVariants } from '#tests/helpers/checkout'
import { signIn, uniqueEmail } from '#tests/helpers/accounts'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { errorFor, valueOf } from '#tests/helpers/form_messages'

/** Posts a form from its page (with the page's token and as its Referer), then opens the page it is sent back to. */
async function submitAndFollow(agent: HttpAgent, page: string, action: string, form: Record<string, string>) {
  const _csrf = await agent.csrfTokenFrom(page)
  const posted = await agent.post(action, { ...form, _csrf }, { referer: `${agent.baseUrl}${page}` })
  const back = await agent.get(posted.location ?? page)
  return { posted, html: back.text }
}

test.group('Storefront | form messages speak to the shopper', (group) => {
  group.each.setup(() => clearRateLimits())

  test('checkout details: each missing or wrong field says what to enter, next to it, and the rest is kept', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 1200, stock: 3 }])
    const agent = new HttpAgent()
    await addToCart(agent, variants[0].id)

    const { posted, html } = await submitAndFollow(agent, '/checkout', '/checkout', {
      email: 'ada at example',
      first_name: '',
      last_name: 'Lovelace',
      line1: '',
      city: 'Portland',
      postal_code: '9720',
      country_code: 'US',
    })
    assert.equal(posted.status, 302)
    assert.equal(errorFor(html, 'checkout-email'), 'Enter an email address like name@example.com')
    assert.equal(errorFor(html, 'checkout-first-name'), 'Enter your first name')
    assert.equal(errorFor(html, 'checkout-line1'), 'Enter your street address')
    assert.equal(errorFor(html, 'checkout-postal-code'), 'Enter a valid postal code for the chosen country')
    assert.isNull(errorFor(html, 'checkout-city'), 'a good field has no error')
    assert.equal(valueOf(html, 'checkout-last-name'), 'Lovelace')
    assert.equal(valueOf(html, 'checkout-city'), 'Portland')
    assert.equal(valueOf(html, 'checkout-email'), 'ada at example')
    assert.notMatch(html, /field must|must be defined/)
  })

  test('sign-up: a short password and a missing name are explained; the email is kept, the password never echoed', async ({ assert }) => {
    const agent = new HttpAgent()
    const email = uniqueEmail('messages')
    const { html } = await submitAndFollow(agent, '/account/sign-up', '/account/sign-up', {
      email,
      first_name: '',
      password: 'too short',
      password_confirmation: 'too short',
    })
    assert.equal(errorFor(html, 'account-sign-up-first-name'), 'Enter your first name')
    assert.equal(errorFor(html, 'account-sign-up-password'), 'Enter at least 12 characters for a password')
    assert.equal(valueOf(html, 'account-sign-up-email'), email)
    assert.equal(valueOf(html, 'account-sign-up-password'), '')
    assert.isNull(await db.from('customers').where('email', email).first())
  })

  test('address book: a new address without street or city is refused in words, with the typed fields kept', async ({ assert }) => {
    const customer = await CustomerFactory.merge({ emailVerifiedAt: DateTime.utc() }).create()
    const agent = new HttpAgent()
    await signIn(agent, customer.email, CUSTOMER_PASSWORD)

    const { html } = await submitAndFollow(agent, '/account/addresses', '/account/addresses', {
      first_name: 'Grace',
      last_name: 'Hopper',
      line1: ' ',
      city: '',
      postal_code: '$$$',
      country_code: 'US',
    })
    assert.equal(errorFor(html, 'account-new-address-line1'), 'Enter your street address')
    assert.equal(errorFor(html, 'account-new-address-city'), 'Enter your city')
    assert.equal(errorFor(html, 'account-new-address-postal-code'), 'Use letters, digits, spaces and hyphens in the postal code')
    assert.equal(valueOf(html, 'account-new-address-first-name'), 'Grace')
    assert.equal(valueOf(html, 'account-new-address-last-name'), 'Hopper')
    assert.lengthOf(await db.from('addresses').where('customer_id', customer.id), 0)
  })

  test('cart: a shipping choice that is not one of the options is refused next to the options', async ({ assert }) => {
    // Estonia: no other test ships there.
    await flatShipping('EE', 700, 'Omniva')
    const { variants } = await stockedVariants([{ price: 1500, stock: 5 }])
    const agent = new HttpAgent()
    await addToCart(agent, variants[0].id)
    await agent.submit('/cart', '/cart/shipping-estimate', { countryCode: 'EE' })

    const { html } = await submitAndFollow(agent, '/cart', '/cart/shipping-method', { shippingMethodId: 'none' })
    assert.match(html, /<fieldset aria-describedby="cart-shipping-method-error">\s*<legend>Shipping method<\/legend>/)
    assert.match(html, /<p class="field-error" id="cart-shipping-method-error">Choose a shipping method\.<\/p>/)
  })
})
