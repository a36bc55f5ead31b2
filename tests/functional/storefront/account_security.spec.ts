import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Customer from '#models/customer'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { latestEmail, orderOf, signIn, uniqueEmail } from '#tests/helpers/accounts'
import { clearRateLimits } from '#tests/helpers/rate_limits'

async function signedInCustomer() {
  const customer = await CustomerFactory.merge({ emailVerifiedAt: DateTime.utc() }).with('addresses', 1).create()
  const agent = new HttpAgent()
  const answer = await signIn(agent, customer.email, CUSTOMER_PASSWORD)
  if (answer.location !== '/account') throw new Error(`sign-in answered ${answer.status} ${answer.location}`)
  return { customer, agent }
}

const addressForm = { first_name: 'Mallory', last_name: 'Evil', line1: '666 Takeover Lane', city: 'Nowhere', postal_code: 'AB1 2CD', country_code: 'GB' }

test.group('Storefront | account authorization', (group) => {
  group.each.setup(() => clearRateLimits())

  test('another customer\'s address ids are 404 to view, edit and delete, and stay unchanged', async ({ assert }) => {
    const { agent } = await signedInCustomer()
    const victim = await CustomerFactory.with('addresses', 1, (address) => address.merge({ line1: `${uniqueEmail('line')} Private Road` })).create()
    const theirs = await db.from('addresses').where('customer_id', victim.id).firstOrFail()

    assert.equal((await agent.get(`/account/addresses/${theirs.id}/edit`)).status, 404)
    const csrf = await agent.csrfTokenFrom('/account/addresses')
    assert.equal((await agent.post(`/account/addresses/${theirs.id}`, { ...addressForm, _csrf: csrf })).status, 404)
    assert.equal((await agent.post(`/account/addresses/${theirs.id}/delete`, { _csrf: csrf })).status, 404)
    assert.equal((await agent.get('/account/addresses/abc/edit')).status, 404)

    const after = await db.from('addresses').where('id', theirs.id).firstOrFail()
    assert.equal(after.line1, theirs.line1)
    assert.equal(after.customer_id, victim.id)
    assert.notInclude((await agent.get('/account/addresses')).text, theirs.line1)
  })

  test('another customer\'s order token cannot be re-ordered or listed', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    const victim = await CustomerFactory.create()
    const theirs = await orderOf(victim.id)
    const csrf = await agent.csrfTokenFrom('/account/orders')
    assert.equal((await agent.post(`/account/orders/${theirs.publicToken}/reorder`, { _csrf: csrf })).status, 404)
    assert.equal((await agent.post(`/account/orders/not-a-token/reorder`, { _csrf: csrf })).status, 404)
    assert.notInclude((await agent.get('/account/orders')).text, `#${theirs.number}`)
    const exported = JSON.parse((await agent.get('/account/export')).text)
    assert.notInclude(exported.orders.map((order: { number: number }) => order.number), theirs.number)
    assert.lengthOf(await db.from('carts').where('customer_id', customer.id), 0)
  })

  test('the session id changes at sign-in and at sign-up (no session fixation)', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const agent = new HttpAgent()
    await agent.get('/account/sign-in')
    const planted = agent.cookies.get('stockroom-session')
    assert.isString(planted)
    await signIn(agent, customer.email, CUSTOMER_PASSWORD)
    assert.notEqual(agent.cookies.get('stockroom-session'), planted)

    // The planted (pre-login) session cookie does not open the account.
    const attacker = new HttpAgent()
    attacker.cookies.set('stockroom-session', planted!)
    assert.equal((await attacker.get('/account')).status, 302)

    const newcomer = new HttpAgent()
    await newcomer.get('/account/sign-up')
    const before = newcomer.cookies.get('stockroom-session')
    const email = uniqueEmail('fixation')
    await newcomer.submit('/account/sign-up', '/account/sign-up', { email, password: 'long enough secret', password_confirmation: 'long enough secret', first_name: 'Eve' })
    assert.notEqual(newcomer.cookies.get('stockroom-session'), before)
  })

  test('every account form refuses a missing or forged CSRF token and changes nothing', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    await agent.get('/account')
    const order = await orderOf(customer.id)
    const forms: Array<[string, Record<string, string>]> = [
      ['/account/profile', { first_name: 'Hacked', phone: '000' }],
      ['/account/password', { current_password: CUSTOMER_PASSWORD, password: 'attacker chosen pw', password_confirmation: 'attacker chosen pw' }],
      ['/account/email', { email: uniqueEmail('csrf'), current_password: CUSTOMER_PASSWORD }],
      ['/account/addresses', addressForm],
      ['/account/delete', { current_password: CUSTOMER_PASSWORD, confirm: '1' }],
      [`/account/orders/${order.publicToken}/reorder`, {}],
      ['/account/verify/resend', {}],
      ['/account/sign-out', {}],
    ]
    for (const [action, form] of forms) {
      for (const token of [undefined, 'forged-token']) {
        const response = await agent.post(action, token ? { ...form, _csrf: token } : form)
        assert.oneOf(response.status, [302, 403], action)
        assert.notEqual(response.location, '/cart', action)
      }
    }
    const after = await Customer.findOrFail(customer.id)
    assert.equal(after.firstName, customer.firstName)
    assert.equal(after.password, customer.password)
    assert.isNull(after.anonymizedAt)
    assert.lengthOf(await db.from('addresses').where('customer_id', customer.id), 1)
    assert.lengthOf(await db.from('carts').where('customer_id', customer.id), 0)
    assert.equal((await agent.get('/account')).status, 200)

    const signUpEmail = uniqueEmail('csrf-signup')
    const stranger = new HttpAgent()
    await stranger.get('/account/sign-up')
    await stranger.post('/account/sign-up', { email: signUpEmail, password: 'long enough secret', password_confirmation: 'long enough secret', first_name: 'X' })
    await stranger.post('/account/forgot-password', { email: customer.email })
    assert.isNull(await Customer.findBy('email', signUpEmail))
    assert.isNull(await latestEmail(customer.email, 'account_reset_password'))
  })

  test('guessing passwords on the account sign-in ends in 429 with Retry-After, even with the right password', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const agent = new HttpAgent()
    let refused
    for (let attempt = 0; attempt < 12 && !refused; attempt++) {
      const answer = await signIn(agent, customer.email, `wrong guess ${attempt}`)
      if (answer.status === 429) refused = answer
      else assert.equal(answer.status, 302)
    }
    assert.isDefined(refused)
    assert.isAbove(Number(refused!.headers.get('retry-after')), 0)
    const right = await signIn(agent, customer.email, CUSTOMER_PASSWORD)
    assert.equal(right.status, 429)
    assert.equal((await agent.get('/account')).status, 302)
  })

  test('the storefront header links to the account without personal content', async ({ assert }) => {
    const page = await new HttpAgent().get('/')
    assert.include(page.text, 'href="/account"')
    assert.isNull(page.headers.get('set-cookie'))
  })
})
