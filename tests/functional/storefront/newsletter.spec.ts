import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import db from '@adonisjs/lucid/services/db'
import NewsletterSubscriber from '#models/newsletter_subscriber'
import Customer from '#models/customer'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { ProductFactory } from '#database/factories/product_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { signIn, uniqueEmail } from '#tests/helpers/accounts'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import app from '@adonisjs/core/services/app'
import DeleteCustomerAccount from '#actions/accounts/delete_customer_account'
import { staffPerRole } from '#tests/helpers/staff_session'

/*
| The newsletter: the footer's sign-up (no JS and htmx), a second sign-up
| that reveals nothing, the human message for a bad address, the emailed
| unsubscribe link (GET changes nothing, POST unsubscribes), the account's
| switch, and the staff list with its CSV export behind customers.read.
*/

const staffAs = staffPerRole()

async function eventsFor(name: string, email: string) {
  const rows = await db.from('outbox_events').where('name', name).orderBy('id', 'asc')
  return rows
    .map((row) => (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload))
    .filter((payload) => payload.email === email)
}

test.group('Storefront | newsletter sign-up', (group) => {
  group.each.setup(() => clearRateLimits())

  test('every storefront page, cached ones too, carries the sign-up form without a session', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const page = await new HttpAgent().get(`/products/${product.handle}`)
    assert.equal(page.status, 200)
    assert.isNull(page.headers.get('set-cookie'), 'a cached page starts no session')
    assert.match(page.text, /<form method="POST" action="\/newsletter" class="newsletter-signup__form"\s+hx-post="\/newsletter"/)
    assert.include(page.text, 'Unsubscribe at any time with the link in every email.')
    assert.include((await new HttpAgent().get('/cart')).text, 'id="newsletter-footer-email"')
  })

  test('a plain post subscribes and lands on the thank-you page; the row keeps source, consent and a token', async ({ assert }) => {
    const email = uniqueEmail('news')
    const agent = new HttpAgent()
    const posted = await agent.post('/newsletter', { email: email.toUpperCase(), form_id: 'footer' })
    assert.equal(posted.status, 303)
    assert.equal(posted.location, '/newsletter')
    assert.include((await agent.get('/newsletter')).text, 'Thanks for signing up.')

    const row = await NewsletterSubscriber.findByOrFail('email', email)
    assert.equal(row.source, 'footer')
    assert.isNull(row.unsubscribedAt)
    assert.isNotNull(row.consentedAt)
    assert.match(row.unsubscribeToken, /^[A-Za-z0-9_-]{43}$/)
    assert.lengthOf(await eventsFor('NewsletterSubscribed', email), 1)
  })

  test('htmx gets the thank-you in place; signing up twice answers the same and changes nothing', async ({ assert }) => {
    const email = uniqueEmail('twice')
    const htmx = { 'hx-request': 'true', 'hx-target': 'newsletter-footer' }
    const first = await new HttpAgent().post('/newsletter', { email }, htmx)
    const second = await new HttpAgent().post('/newsletter', { email: ` ${email.toUpperCase()} ` }, htmx)
    assert.equal(first.status, 200)
    assert.include(first.text, '<div id="newsletter-footer" class="newsletter-signup">')
    assert.include(first.text, 'Thanks for signing up.')
    assert.equal(second.status, first.status)
    assert.equal(second.text, first.text, 'nothing tells a visitor the address was known')
    assert.equal(Number((await db.from('newsletter_subscribers').where('email', email).count('* as n'))[0].n), 1)
    assert.lengthOf(await eventsFor('NewsletterSubscribed', email), 1, 'no second event for an address already on the list')
  })

  test('a bad address gets a human message, in place and without JavaScript, with what was typed', async ({ assert }) => {
    const htmx = await new HttpAgent().post('/newsletter', { email: 'not-an-address', form_id: 'footer' }, { 'hx-request': 'true' })
    assert.equal(htmx.status, 200, 'htmx swaps only 2xx answers')
    assert.include(htmx.text, 'Enter an email address like name@example.com')
    assert.include(htmx.text, 'value="not-an-address"')
    assert.include(htmx.text, 'aria-invalid="true"')

    const agent = new HttpAgent()
    const plain = await agent.post('/newsletter', { email: 'not-an-address' })
    assert.equal(plain.status, 303)
    const page = await agent.get('/newsletter')
    assert.include(page.text, 'Enter an email address like name@example.com')
    assert.notInclude(page.text, 'Thanks for signing up.')
    assert.equal(Number((await db.from('newsletter_subscribers').where('email', 'not-an-address').count('* as n'))[0].n), 0)
  })

  test('a post from another site is refused, and sign-ups are rate limited per IP', async ({ assert }) => {
    const email = uniqueEmail('forged')
    const forged = await new HttpAgent().post('/newsletter', { email }, { 'sec-fetch-site': 'cross-site' })
    assert.equal(forged.status, 403)
    assert.isNull(await NewsletterSubscriber.findBy('email', email))

    await clearRateLimits()
    const statuses: number[] = []
    for (let attempt = 0; attempt < 11; attempt++) statuses.push((await new HttpAgent().post('/newsletter', { email: uniqueEmail('flood') })).status)
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(303))
    assert.equal(statuses[10], 429)
  })
})

test.group('Storefront | newsletter unsubscribe', (group) => {
  group.each.setup(() => clearRateLimits())

  test('the link shows a confirm button and changes nothing; the button unsubscribes, once', async ({ assert }) => {
    const email = uniqueEmail('leave')
    await new HttpAgent().post('/newsletter', { email })
    const row = await NewsletterSubscriber.findByOrFail('email', email)
    const link = `/newsletter/unsubscribe/${row.unsubscribeToken}`

    const agent = new HttpAgent()
    const confirm = await agent.get(link)
    assert.equal(confirm.status, 200)
    assert.include(confirm.text, `Stop sending the newsletter to <strong>${email}</strong>?`)
    assert.include(confirm.text, '>Unsubscribe</button>')
    assert.notInclude(confirm.text, 'id="footer-newsletter"', 'no sign-up form under the unsubscribe button')
    assert.include((await agent.get('/cart')).text, 'id="footer-newsletter"', 'other pages keep the footer form')
    await row.refresh()
    assert.isNull(row.unsubscribedAt, 'opening the link (a mail scanner does) unsubscribes no one')

    const withoutToken = await agent.post(link, {})
    assert.equal(withoutToken.status, 302, 'CSRF as everywhere: no token, no change')
    await row.refresh()
    assert.isNull(row.unsubscribedAt)

    const done = await agent.submit(link, link, {})
    assert.equal(done.status, 303)
    assert.equal(done.location, link)
    const after = await agent.get(link)
    assert.include(after.text, 'You are unsubscribed.')
    assert.include(after.text, 'is not on our newsletter list')
    await row.refresh()
    assert.isNotNull(row.unsubscribedAt)
    assert.lengthOf(await eventsFor('NewsletterUnsubscribed', email), 1)

    // signing up again puts the address back, with a new consent time
    await new HttpAgent().post('/newsletter', { email })
    await row.refresh()
    assert.isNull(row.unsubscribedAt)
    assert.lengthOf(await eventsFor('NewsletterSubscribed', email), 2)
  })

  test('an unknown or malformed link is a 404 page', async ({ assert }) => {
    const unknown = await new HttpAgent().get(`/newsletter/unsubscribe/${'x'.repeat(43)}`)
    assert.equal(unknown.status, 404)
    assert.include(unknown.text, 'This unsubscribe link does not work')
    assert.equal((await new HttpAgent().get('/newsletter/unsubscribe/short')).status, 404)
  })
})

test.group('Storefront | newsletter on the account page', (group) => {
  group.each.setup(() => clearRateLimits())

  test('a signed-in customer sees and switches their subscription; their customer row follows', async ({ assert }) => {
    const customer = await CustomerFactory.merge({ email: uniqueEmail('acct') }).create()
    const agent = new HttpAgent()
    assert.equal((await signIn(agent, customer.email, CUSTOMER_PASSWORD)).status, 302)

    const before = await agent.get('/account')
    assert.include(before.text, 'You do not get our newsletter.')
    const joined = await agent.submit('/account', '/account/newsletter', { subscribe: '1' })
    assert.equal(joined.status, 303)
    const subscribed = await agent.get('/account')
    assert.include(subscribed.text, `You get our newsletter at ${customer.email}.`)
    assert.include(subscribed.text, 'You are subscribed to the newsletter.')
    assert.equal((await NewsletterSubscriber.findByOrFail('email', customer.email)).source, 'account')
    assert.isTrue((await Customer.findOrFail(customer.id)).acceptsMarketing)

    await agent.submit('/account', '/account/newsletter', { subscribe: '0' })
    assert.include((await agent.get('/account')).text, 'You do not get our newsletter.')
    assert.isNotNull((await NewsletterSubscriber.findByOrFail('email', customer.email)).unsubscribedAt)
    assert.isFalse((await Customer.findOrFail(customer.id)).acceptsMarketing)
  })

  test('erasing the account erases the subscription and the address in its events', async ({ assert }) => {
    const customer = await CustomerFactory.merge({ email: uniqueEmail('erase') }).create()
    await new HttpAgent().post('/newsletter', { email: customer.email })
    assert.lengthOf(await eventsFor('NewsletterSubscribed', customer.email), 1)
    assert.isTrue(await (await app.container.make(DeleteCustomerAccount)).handle(customer, CUSTOMER_PASSWORD))
    assert.isNull(await NewsletterSubscriber.findBy('email', customer.email))
    assert.lengthOf(await eventsFor('NewsletterSubscribed', customer.email), 0, 'the outbox no longer names the address')
  })

  test('signed out, the switch sends to sign-in', async ({ assert }) => {
    const agent = new HttpAgent()
    const answer = await agent.submit('/account/sign-in', '/account/newsletter', { subscribe: '1' })
    assert.equal(answer.status, 302)
    assert.match(answer.location ?? '', /\/account\/sign-in/)
  })
})

test.group('Admin | newsletter subscribers', (group) => {
  group.each.setup(() => clearRateLimits())

  test('the list under Customers: count, search, status filter, pages', async ({ assert }) => {
    const prefix = `list-${Date.now().toString(36)}`
    await new HttpAgent().post('/newsletter', { email: `${prefix}-a@example.test` })
    await new HttpAgent().post('/newsletter', { email: `${prefix}-b@example.test` })
    const gone = `${prefix}-c@example.test`
    await new HttpAgent().post('/newsletter', { email: gone })
    await db.from('newsletter_subscribers').where('email', gone).update({ unsubscribed_at: new Date().toISOString().replace('T', ' ').slice(0, 19) })

    const { agent } = await staffAs('support')
    const page = await agent.get(`/admin/customers/subscribers?q=${prefix}`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Newsletter subscribers')
    assert.match(page.text, /data-subscribed-count>\d+ address(es)? on the list/)
    assert.include(page.text, `${prefix}-a@example.test`)
    assert.include(page.text, '3 addresses')
    assert.include(page.text, 'Storefront footer')
    assert.include(page.text, `href="/admin/customers/subscribers/export.csv?q=${prefix}"`)
    assert.match(page.text, /<a href="\/admin\/customers\/subscribers" aria-current="page">Subscribers<\/a>/)
    assert.notMatch(page.text, /<a href="\/admin\/customers" aria-current="page">/, 'only the closest nav entry is current')

    const unsubscribed = await agent.get(`/admin/customers/subscribers?q=${prefix}&status=unsubscribed`, { 'hx-request': 'true' })
    assert.match(unsubscribed.text, /^<div id="subscribers-table">/, 'htmx gets the table alone')
    assert.include(unsubscribed.text, gone)
    assert.notInclude(unsubscribed.text, `${prefix}-a@example.test`)
    assert.include(unsubscribed.text, '1 address')
  })

  test('the CSV export streams the filtered list, without tokens, with formulas defused', async ({ assert }) => {
    const prefix = `csv-${Date.now().toString(36)}`
    await new HttpAgent().post('/newsletter', { email: `${prefix}-one@example.test` })
    await new HttpAgent().post('/newsletter', { email: `${prefix}-two@example.test` })
    const { agent } = await staffAs('analyst')
    const response = await agent.get(`/admin/customers/subscribers/export.csv?q=${prefix}`)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/)
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="newsletter-subscribers.csv"')
    const rows = parse(response.text, { columns: true }) as Array<Record<string, string>>
    assert.deepEqual(rows.map((row) => row.email).sort(), [`${prefix}-one@example.test`, `${prefix}-two@example.test`])
    assert.deepEqual(Object.keys(rows[0]), ['email', 'status', 'source', 'consented_at', 'unsubscribed_at'])
    assert.equal(rows[0].status, 'subscribed')
    assert.match(rows[0].consented_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    const token = (await NewsletterSubscriber.findByOrFail('email', `${prefix}-one@example.test`)).unsubscribeToken
    assert.notInclude(response.text, token)
  })

  test('staff without customers.read get neither the list nor the export', async ({ assert }) => {
    const { agent } = await staffAs('catalog_manager')
    assert.equal((await agent.get('/admin/customers/subscribers')).status, 403)
    assert.equal((await agent.get('/admin/customers/subscribers/export.csv')).status, 403)
    assert.notInclude((await agent.get('/admin')).text, 'href="/admin/customers/subscribers"')
  })
})
