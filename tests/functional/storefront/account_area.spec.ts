import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Customer from '#models/customer'
import Order from '#models/order'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { stockedVariants } from '#tests/helpers/checkout'
import { addToCart } from '#tests/helpers/checkout_flow'
import { latestEmail, orderOf, signIn, tokenFrom, uniqueEmail } from '#tests/helpers/accounts'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/** A verified customer with an account, signed in on a fresh agent. */
async function signedInCustomer() {
  const customer = await CustomerFactory.merge({ emailVerifiedAt: DateTime.utc() }).create()
  const agent = new HttpAgent()
  const answer = await signIn(agent, customer.email, CUSTOMER_PASSWORD)
  if (answer.location !== '/account') throw new Error(`sign-in answered ${answer.status} ${answer.location}`)
  return { customer, agent }
}

const addressForm = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  line1: '1 Engine Street',
  city: 'Leeds',
  postal_code: 'LS1 4AP',
  country_code: 'GB',
}

test.group('Storefront | account area', (group) => {
  group.each.setup(() => clearRateLimits())

  test('signed out, /account sends to sign-in with a safe next, which brings the customer back', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const agent = new HttpAgent()
    const away = await agent.get('/account/addresses')
    assert.equal(away.location, '/account/sign-in?next=%2Faccount%2Faddresses')
    const back = await agent.submit('/account/sign-in?next=%2Faccount%2Faddresses', '/account/sign-in', {
      email: customer.email,
      password: CUSTOMER_PASSWORD,
      next: '/account/addresses',
    })
    assert.equal(back.location, '/account/addresses')

    for (const evil of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/admin/settings', '/account/../admin']) {
      const other = new HttpAgent()
      const answer = await other.submit('/account/sign-in', '/account/sign-in', { email: customer.email, password: CUSTOMER_PASSWORD, next: evil })
      assert.equal(answer.location, '/account', evil)
    }
  })

  test('profile and password: the current password is required, other sessions end, this one goes on', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    const second = new HttpAgent()
    await signIn(second, customer.email, CUSTOMER_PASSWORD)

    await agent.submit('/account', '/account/profile', { first_name: 'Augusta', last_name: 'King', phone: '+44 20 7946 0000' })
    await customer.refresh()
    assert.equal(customer.firstName, 'Augusta')
    assert.equal(customer.phone, '+44 20 7946 0000')

    // Stored as typed, rendered escaped.
    await agent.submit('/account', '/account/profile', { first_name: '<script>alert(1)</script>' })
    const page = (await agent.get('/account')).text
    assert.notInclude(page, '<script>alert(1)</script>')
    assert.include(page, '&lt;script&gt;alert(1)&lt;/script&gt;')

    const wrong = await agent.submit('/account', '/account/password', { current_password: 'nope', password: 'a new long password', password_confirmation: 'a new long password' })
    assert.equal(wrong.location, '/account')
    assert.include((await agent.get('/account')).text, 'That is not your current password')
    assert.equal((await second.get('/account')).status, 200)

    const sessionBefore = agent.cookies.get('stockroom-session')
    await agent.submit('/account', '/account/password', { current_password: CUSTOMER_PASSWORD, password: 'a new long password', password_confirmation: 'a new long password' })
    assert.notEqual(agent.cookies.get('stockroom-session'), sessionBefore)
    assert.equal((await agent.get('/account')).status, 200)
    assert.equal((await second.get('/account')).status, 302)
    assert.equal((await signIn(new HttpAgent(), customer.email, 'a new long password')).location, '/account')
  })

  test('changing email: nothing changes until the new address confirms, then the old one is told', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    const oldEmail = customer.email
    const newEmail = uniqueEmail('moved')
    await agent.submit('/account', '/account/email', { email: newEmail, current_password: CUSTOMER_PASSWORD })
    await customer.refresh()
    assert.equal(customer.email, oldEmail)

    const changeEmail = await latestEmail(newEmail, 'account_confirm_email_change')
    assert.include(changeEmail.html, '>Use this address</a>')
    assert.notInclude(changeEmail.html + changeEmail.text, 'undefined')
    const token = tokenFrom(changeEmail, 'email/confirm')
    const confirmed = await agent.get(`/account/email/confirm/${token}`)
    assert.equal(confirmed.location, '/account')
    await customer.refresh()
    assert.equal(customer.email, newEmail)
    assert.isNotNull(customer.emailVerifiedAt)
    const notice = await latestEmail(oldEmail, 'account_email_changed')
    assert.include(notice.text, newEmail)
    assert.equal((await agent.get(`/account/email/confirm/${token}`)).status, 404)

    // Wrong password: no link is sent.
    const another = uniqueEmail('nope')
    await agent.submit('/account', '/account/email', { email: another, current_password: 'wrong password' })
    assert.isNull(await latestEmail(another))
  })

  test('addresses: create, defaults move, edit, delete; checkout offers them', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    await agent.submit('/account/addresses', '/account/addresses', addressForm)
    await agent.submit('/account/addresses', '/account/addresses', { ...addressForm, line1: '2 Second Street', is_default_shipping: '1' })
    const rows = await db.from('addresses').where('customer_id', customer.id).orderBy('id')
    assert.lengthOf(rows, 2)
    assert.deepEqual(rows.map((row) => Boolean(row.is_default_shipping)), [false, true])
    assert.deepEqual(rows.map((row) => Boolean(row.is_default_billing)), [true, false])

    const edited = await agent.submit(`/account/addresses/${rows[0].id}/edit`, `/account/addresses/${rows[0].id}`, { ...addressForm, city: 'York', postal_code: 'YO1 7HH' })
    assert.equal(edited.location, '/account/addresses')
    assert.equal((await db.from('addresses').where('id', rows[0].id).first()).city, 'York')

    const invalid = await agent.submit('/account/addresses', '/account/addresses', { ...addressForm, country_code: 'XX', line1: '' })
    assert.equal(invalid.status, 302)
    assert.lengthOf(await db.from('addresses').where('customer_id', customer.id), 2)

    const { variants } = await stockedVariants([{ price: 500, stock: 2 }])
    await addToCart(agent, variants[0].id)
    const checkout = (await agent.get('/checkout')).text
    // The default shipping address is the one preselected.
    assert.match(checkout, new RegExp(`name="address_id" value="${rows[1].id}" checked`))
    assert.notMatch(checkout, new RegExp(`name="address_id" value="${rows[0].id}" checked`))

    await agent.submit('/account/addresses', `/account/addresses/${rows[1].id}/delete`, {})
    const left = await db.from('addresses').where('customer_id', customer.id)
    assert.lengthOf(left, 1)
    assert.isTrue(Boolean(left[0].is_default_shipping))
  })

  test('order history lists only the customer\'s orders, newest first, and re-order fills the cart', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    const { variants } = await stockedVariants([{ price: 1250, stock: 5, title: 'Red' }])
    const older = await orderOf(customer.id, { placedAt: DateTime.utc().minus({ days: 2 }), createdAt: DateTime.utc().minus({ days: 2 }) })
    const newer = await orderOf(customer.id, {}, { variantId: variants[0].id, quantity: 3, title: 'Reorderable' })
    const someoneElses = await orderOf((await CustomerFactory.create()).id)

    const page = (await agent.get('/account/orders')).text
    assert.include(page, `#${older.number}`)
    assert.include(page, `#${newer.number}`)
    assert.notInclude(page, `#${someoneElses.number}`)
    assert.isBelow(page.indexOf(`#${newer.number}`), page.indexOf(`#${older.number}`))
    // statuses as a shopper reads them: words in badges, not the stored values
    const statusCell = /data-label="Status"[\s\S]*?<\/td>/.exec(page)![0]
    assert.match(statusCell, /<span class="badge[^"]*">[A-Z][a-z ]+<\/span>/)
    assert.notMatch(statusCell, /\b(open|pending|unfulfilled),/)
    // An edited ?page= shows the first page, never an error.
    for (const junk of ['abc', '-3', '1e9', '2.5']) {
      const edited = await agent.get(`/account/orders?page=${junk}`)
      assert.equal(edited.status, 200, junk)
      assert.include(edited.text, `#${newer.number}`, junk)
    }

    const reordered = await agent.submit('/account/orders', `/account/orders/${newer.publicToken}/reorder`, {})
    assert.equal(reordered.status, 303)
    assert.equal(reordered.location, '/cart')
    const cart = await db.from('carts').where('customer_id', customer.id).first()
    const lines = await db.from('cart_lines').where('cart_id', cart.id)
    assert.deepEqual(lines.map((line) => [line.variant_id, Number(line.quantity)]), [[variants[0].id, 3]])
  })

  test('an order in the account is headed by its number, date and state; the thanks stay on the confirmation', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    const placedAt = DateTime.fromISO('2026-03-14T12:00:00Z')
    const order = await orderOf(customer.id, { placedAt, paymentStatus: 'paid', fulfillmentStatus: 'fulfilled' })

    const page = await agent.get(`/account/orders/${order.publicToken}`)
    assert.equal(page.status, 200)
    assert.match(page.text, new RegExp(`<h1>Order #${order.number}</h1>`))
    assert.notInclude(page.text, 'Thank you')
    assert.notInclude(page.text, 'We have emailed a confirmation')
    const placed = /<p class="order-status__placed">([\s\S]*?)<\/p>/.exec(page.text)?.[1] ?? ''
    assert.include(placed, 'datetime="2026-03-14')
    assert.match(placed, /<strong data-order-state>Shipped<\/strong>/)
    // the live refresh of the same page keeps the account's heading
    const live = await agent.get(`/account/orders/${order.publicToken}`, { 'HX-Request': 'true', 'HX-Target': 'order-status-live' })
    assert.match(live.text, new RegExp(`<h1>Order #${order.number}</h1>`))
    assert.notInclude(live.text, 'Thank you')

    // the page a shopper lands on after paying still thanks them
    const confirmation = await agent.get(`/orders/${order.publicToken}`)
    assert.include(confirmation.text, `Thank you! Order #${order.number} is confirmed`)
  })

  test('data export is a JSON file of the customer\'s own profile, addresses and orders', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    await agent.submit('/account/addresses', '/account/addresses', addressForm)
    const order = await orderOf(customer.id)
    await orderOf((await CustomerFactory.create()).id)

    const download = await agent.get('/account/export')
    assert.equal(download.status, 200)
    assert.include(download.headers.get('content-type') ?? '', 'application/json')
    assert.include(download.headers.get('content-disposition') ?? '', 'attachment')
    const data = JSON.parse(download.text)
    assert.equal(data.profile.email, customer.email)
    assert.notProperty(data.profile, 'password')
    assert.lengthOf(data.addresses, 1)
    assert.deepEqual(data.orders.map((row: { number: number }) => row.number), [order.number])
  })

  test('deleting the account needs the password, erases personal data, keeps orders and ends sessions', async ({ assert }) => {
    const { customer, agent } = await signedInCustomer()
    await agent.submit('/account/addresses', '/account/addresses', addressForm)
    const order = await orderOf(customer.id, { email: customer.email })

    const refused = await agent.submit('/account/delete', '/account/delete', { current_password: 'wrong', confirm: '1' })
    assert.equal(refused.location, '/account/delete')
    assert.isNull((await Customer.findOrFail(customer.id)).anonymizedAt)

    const deleted = await agent.submit('/account/delete', '/account/delete', { current_password: CUSTOMER_PASSWORD, confirm: '1' })
    assert.equal(deleted.location, '/')
    const row = await Customer.findOrFail(customer.id)
    assert.isNotNull(row.anonymizedAt)
    assert.notEqual(row.email, customer.email)
    assert.match(row.email, /^erased-[0-9a-f]{32}@anonymized\.invalid$/)
    assert.isNull(row.firstName)
    assert.isNull(row.lastName)
    assert.isNull(row.phone)
    assert.isNull(row.password)
    assert.lengthOf(await db.from('addresses').where('customer_id', customer.id), 0)
    const kept = await Order.findOrFail(order.id)
    assert.equal(kept.customerId, customer.id)

    assert.equal((await agent.get('/account')).status, 302)
    assert.equal((await signIn(new HttpAgent(), customer.email, CUSTOMER_PASSWORD)).location, '/account/sign-in?next=%2Faccount')
  })
})
