import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { latestEmail, orderOf, signIn, signUp, tokenFrom, uniqueEmail } from '#tests/helpers/accounts'
import { hashToken } from '#accounts/customer_tokens'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { Notifier } from '#plugin_host/extension_points/notifications'

const PASSWORD = 'correct horse battery'

test.group('Storefront | account sign-up and verification', (group) => {
  group.each.setup(() => clearRateLimits())

  test('signing up creates the account, signs in on a new session, records CustomerRegistered and emails a link', async ({ assert }) => {
    const email = uniqueEmail('signup')
    const agent = new HttpAgent()
    await agent.get('/account/sign-up')
    const before = agent.cookies.get('stockroom-session')

    const created = await signUp(agent, email)
    assert.equal(created.status, 302)
    assert.equal(created.location, '/account')
    assert.notEqual(agent.cookies.get('stockroom-session'), before)

    const customer = await Customer.findByOrFail('email', email)
    assert.isNotNull(customer.password)
    assert.notEqual(customer.password, PASSWORD)
    assert.isNull(customer.emailVerifiedAt)
    const event = await db.from('outbox_events').where('name', 'CustomerRegistered').orderBy('id', 'desc').first()
    assert.deepInclude(typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload, { customerId: customer.id, email })

    const page = await agent.get('/account')
    assert.equal(page.status, 200)
    assert.include(page.text, 'Please confirm your email address')

    const message = await latestEmail(email, 'account_verify_email')
    assert.equal(message.subject, 'Confirm your email address')
    assert.include(message.html, '/account/verify/')
    // The button names its action (it once read "undefined"), in the HTML and the plain-text part alike.
    assert.include(message.html, '>Confirm your email</a>')
    assert.notInclude(message.html + message.text, 'undefined')
    const token = tokenFrom(message, 'verify')
    // Only a hash of the token is stored.
    const stored = await db.from('customer_tokens').where('customer_id', customer.id).where('purpose', 'verify').first()
    assert.equal(stored.token_hash, hashToken(token))
    assert.notInclude(JSON.stringify(stored), token)

    const verified = await agent.get(`/account/verify/${token}`)
    assert.equal(verified.location, '/account')
    await customer.refresh()
    assert.isNotNull(customer.emailVerifiedAt)
    assert.notInclude((await agent.get('/account')).text, 'Please confirm your email address')

    // Single use.
    const again = await agent.get(`/account/verify/${token}`)
    assert.equal(again.status, 404)
  })

  test('validation: short or unconfirmed passwords are refused with inline errors', async ({ assert }) => {
    const email = uniqueEmail('weak')
    const agent = new HttpAgent()
    const short = await signUp(agent, email, 'short')
    assert.equal(short.status, 302)
    const page = await agent.get('/account/sign-up')
    assert.match(page.text, /class="field-error"[^>]*>[^<]*12/)
    const mismatched = await agent.submit('/account/sign-up', '/account/sign-up', {
      email,
      password: PASSWORD,
      password_confirmation: 'something else entirely',
      first_name: 'Grace',
    })
    assert.equal(mismatched.status, 302)
    assert.isNull(await Customer.findBy('email', email))
  })

  test('a guest with orders signs up with the same email: the row is claimed and the orders come with it', async ({ assert }) => {
    const guest = await CustomerFactory.apply('guest').create()
    const order = await orderOf(guest.id, { email: guest.email })
    const agent = new HttpAgent()

    const claimed = await signUp(agent, guest.email)
    assert.equal(claimed.location, '/account')
    const rows = await db.from('customers').where('email', guest.email)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].id, guest.id)
    assert.isNotNull(rows[0].password)

    // Hidden until the address is proven, then listed.
    assert.notInclude((await agent.get('/account/orders')).text, `#${order.number}`)
    await agent.get(`/account/verify/${tokenFrom(await latestEmail(guest.email, 'account_verify_email'), 'verify')}`)
    const history = await agent.get('/account/orders')
    assert.include(history.text, `#${order.number}`)
    assert.include(history.text, `/orders/${order.publicToken}`)
  })

  test('an email that already has an account is told to sign in or reset, and nothing changes', async ({ assert }) => {
    const existing = await CustomerFactory.create()
    const hashBefore = existing.password
    const agent = new HttpAgent()
    const answer = await signUp(agent, existing.email, 'another long password')
    assert.equal(answer.location, '/account/sign-up')
    assert.include((await agent.get('/account/sign-up')).text, 'An account with that email already exists')
    await existing.refresh()
    assert.equal(existing.password, hashBefore)
    assert.equal((await agent.get('/account')).location, '/account/sign-in?next=%2Faccount')
  })

  test('unverified accounts can sign in and ask for a new link; the old link stops working', async ({ assert }) => {
    const email = uniqueEmail('resend')
    await signUp(new HttpAgent(), email)
    const first = tokenFrom(await latestEmail(email, 'account_verify_email'), 'verify')

    const agent = new HttpAgent()
    assert.equal((await signIn(agent, email, PASSWORD)).location, '/account')
    const resent = await agent.submit('/account', '/account/verify/resend', {})
    assert.equal(resent.location, '/account')
    const second = tokenFrom(await latestEmail(email, 'account_verify_email'), 'verify')
    assert.notEqual(second, first)
    assert.equal((await agent.get(`/account/verify/${first}`)).status, 404)
    assert.equal((await agent.get(`/account/verify/${second}`)).location, '/account')
  })

  test('with the mail provider down, sign-up still succeeds and the queued email goes out once it is back', async ({ assert, cleanup }) => {
    const { outboxServices } = await import('#tests/helpers/outbox')
    const { relay, queue } = await outboxServices()
    const notifier = (await app.container.make(Notifier)) as { send: unknown }
    const send = notifier.send
    const restore = () => {
      delete (notifier as Record<string, unknown>).send
      if (notifier.send !== send) notifier.send = send
    }
    notifier.send = async () => {
      throw new Error('provider down')
    }
    cleanup(restore)
    const email = uniqueEmail('outage')
    const agent = new HttpAgent()
    assert.equal((await signUp(agent, email)).location, '/account')
    assert.isNotNull(await Customer.findBy('email', email))

    await relay.relayPending()
    // the first attempt fails and the job waits for its retry (5 s later)
    await queue.drain(1_500).catch(() => {})
    const event = await db.from('outbox_events').where('name', 'AccountEmailRequested').orderBy('id', 'desc').firstOrFail()
    assert.include(JSON.stringify(event.payload), email)
    const delivery = await db.from('outbox_deliveries').where('event_id', event.id).where('listener', 'core.account_emails').firstOrFail()
    assert.equal(delivery.status, 'retrying')
    assert.isNull(await db.from('notification_messages').where('to_address', email).first())

    restore()
    assert.isNotNull(await latestEmail(email, 'account_verify_email'))
  }).timeout(40_000)

  test('sign-up is throttled per IP: 429 with Retry-After', async ({ assert }) => {
    const agent = new HttpAgent()
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await signUp(agent, uniqueEmail('flood'), 'short')
      assert.equal(answer.status, 302)
    }
    const refused = await signUp(agent, uniqueEmail('flood'))
    assert.equal(refused.status, 429)
    assert.isAbove(Number(refused.headers.get('retry-after')), 0)
  })
})

test.group('Storefront | account password reset', (group) => {
  group.each.setup(() => clearRateLimits())

  test('the request form answers the same for known and unknown addresses, and mails only accounts', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const unknown = uniqueEmail('nobody')
    const agent = new HttpAgent()
    const known = await agent.submit('/account/forgot-password', '/account/forgot-password', { email: customer.email })
    const knownPage = (await agent.get('/account/forgot-password')).text
    const other = await agent.submit('/account/forgot-password', '/account/forgot-password', { email: unknown })
    const otherPage = (await agent.get('/account/forgot-password')).text
    assert.equal(known.location, other.location)
    const notice = (html: string, email: string) => /<div class="alert[^"]*"><p>([^<]*)<\/p>/.exec(html)?.[1].replace(email, 'X')
    assert.include(notice(knownPage, customer.email), 'If X belongs to an account')
    assert.equal(notice(knownPage, customer.email), notice(otherPage, unknown))
    const resetEmail = await latestEmail(customer.email, 'account_reset_password')
    assert.include(resetEmail.html, '>Choose a new password</a>')
    assert.notInclude(resetEmail.html + resetEmail.text, 'undefined')
    assert.isNull(await latestEmail(unknown))
  })

  test('a reset link sets a new password once, signs every session out, and expires', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const other = new HttpAgent()
    assert.equal((await signIn(other, customer.email, CUSTOMER_PASSWORD)).location, '/account')
    assert.equal((await other.get('/account')).status, 200)

    const agent = new HttpAgent()
    await agent.submit('/account/forgot-password', '/account/forgot-password', { email: customer.email })
    const token = tokenFrom(await latestEmail(customer.email, 'account_reset_password'), 'reset-password')
    assert.equal((await agent.get(`/account/reset-password/${token}`)).status, 200)
    const reset = await agent.submit(`/account/reset-password/${token}`, `/account/reset-password/${token}`, {
      password: 'a brand new passphrase',
      password_confirmation: 'a brand new passphrase',
    })
    assert.equal(reset.location, '/account/sign-in')

    // The session opened with the old password is over.
    assert.equal((await other.get('/account')).status, 302)
    assert.equal((await signIn(new HttpAgent(), customer.email, CUSTOMER_PASSWORD)).location, '/account/sign-in?next=%2Faccount')
    assert.equal((await signIn(new HttpAgent(), customer.email, 'a brand new passphrase')).location, '/account')

    // Single use.
    assert.equal((await agent.get(`/account/reset-password/${token}`)).status, 404)
    const csrf = await agent.csrfTokenFrom('/account/forgot-password')
    const replay = await agent.post(`/account/reset-password/${token}`, { _csrf: csrf, password: 'yet another passphrase', password_confirmation: 'yet another passphrase' })
    assert.equal(replay.status, 404)

    // Expired links do not work either.
    await agent.submit('/account/forgot-password', '/account/forgot-password', { email: customer.email })
    const late = tokenFrom(await latestEmail(customer.email, 'account_reset_password'), 'reset-password')
    await db.from('customer_tokens').where('token_hash', hashToken(late)).update({ expires_at: '2000-01-01 00:00:00' })
    assert.equal((await agent.get(`/account/reset-password/${late}`)).status, 404)
  })

  test('reset requests are throttled per IP', async ({ assert }) => {
    const agent = new HttpAgent()
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await agent.submit('/account/forgot-password', '/account/forgot-password', { email: uniqueEmail('many') })
      assert.equal(answer.status, 302)
    }
    const refused = await agent.submit('/account/forgot-password', '/account/forgot-password', { email: uniqueEmail('many') })
    assert.equal(refused.status, 429)
    assert.isAbove(Number(refused.headers.get('retry-after')), 0)
  })
})
