import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import storeConfig from '#config/store'
import AuditLog from '#models/audit_log'
import Discount from '#models/discount'
import OutboxDelivery from '#models/outbox_delivery'
import StaffInvitation from '#models/staff_invitation'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { recordEvent } from '#plugin_host/outbox'
import { dbTimestamp } from '#services/db_time'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { ProductFactory } from '#database/factories/product_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { uniqueEmail } from '#tests/helpers/accounts'
import { paidOrder } from '#tests/helpers/admin_orders'
import { addToCart } from '#tests/helpers/checkout_flow'
import { flatShipping, stockedVariants, taxRate } from '#tests/helpers/checkout'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { staffPerRole } from '#tests/helpers/staff_session'

// 02:30 UTC on 6 December is the evening of 5 December in New York.
const WHEN = DateTime.utc(2026, 12, 6, 2, 30) as DateTime<true>
const WHEN_NY = '5 Dec 2026, 21:30 EST'
const WHEN_ISO = 'datetime="2026-12-05T21:30:00.000-05:00"'
/** A time as the store prints it: day, month, year, 24-hour clock, New York's zone name. */
const NY_TIME = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} E[SD]T/

const at = (time: DateTime<true>) => dbTimestamp(db.connection(), time)
const unique = () => Math.random().toString(36).slice(2, 10)

function assertNoUtc(assert: any, html: string, where: string) {
  assert.notMatch(html, /\bUTC\b/, `${where}: no UTC on a New York store's page`)
}

test.group('Store time | every page in the store time zone, countries by name', (group) => {
  const configured = storeConfig.timezone
  group.each.setup(() => {
    storeConfig.timezone = 'America/New_York'
    return () => {
      storeConfig.timezone = configured
    }
  })
  group.each.teardown(() => settleOutbox())
  const staffAs = staffPerRole()

  test('admin customers: list and detail in New York days and times, addresses with the country by name', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const { order } = await paidOrder({ lines: [{ quantity: 1, unitPrice: 1200 }], email: customer.email })
    await db.from('orders').where('id', order.id).update({ customer_id: customer.id, placed_at: at(WHEN), created_at: at(WHEN) })
    await db.from('customers').where('id', customer.id).update({ created_at: at(WHEN) })
    const now = at(WHEN)
    await db.table('addresses').insert({
      customer_id: customer.id,
      first_name: 'Max',
      last_name: 'Muster',
      line1: 'Unter den Linden 77',
      city: 'Berlin',
      postal_code: '10117',
      country_code: 'DE',
      created_at: now,
      updated_at: now,
    })
    const { agent } = await staffAs('owner')
    await agent.submit(`/admin/customers/${customer.id}`, `/admin/customers/${customer.id}/notes`, { body: 'Called about the parcel' })
    await db.from('customer_notes').where('customer_id', customer.id).update({ created_at: now })

    const list = await agent.get(`/admin/customers?q=${encodeURIComponent(customer.email)}`)
    assert.equal(list.status, 200)
    assert.include(list.text, `<time ${WHEN_ISO}>5 Dec 2026</time>`, 'since and last order: the New York day')
    assert.notInclude(list.text, '2026-12-06')
    assertNoUtc(assert, list.text, 'customers list')

    const detail = await agent.get(`/admin/customers/${customer.id}`)
    assert.equal(detail.status, 200)
    assert.include(detail.text, `Customer since <time ${WHEN_ISO}>5 Dec 2026</time>`)
    assert.include(detail.text, `<time ${WHEN_ISO}>${WHEN_NY}</time>`, 'the order and the note in New York time')
    assert.include(detail.text, '10117 Berlin')
    assert.include(detail.text, 'Germany')
    assert.notMatch(detail.text, /\bDE\b/, 'no bare country code')
    assertNoUtc(assert, detail.text, 'customer detail')

    // the orders list's day filter: 5 December in New York holds an order placed at 02:30 UTC on the 6th
    const onFifth = await agent.get(`/admin/orders?q=${order.number}&from=2026-12-05&to=2026-12-05`)
    assert.include(onFifth.text, WHEN_NY)
    const onSixth = await agent.get(`/admin/orders?q=${order.number}&from=2026-12-06&to=2026-12-06`)
    assert.notInclude(onSixth.text, WHEN_NY)
  })

  test('audit log: New York times, and a day filter means the store day', async ({ assert }) => {
    const subjectId = unique()
    const entry = await AuditLog.create({ actorType: 'system', action: 'test.store_time', subjectType: 'store_time', subjectId, changes: null })
    await db.from('audit_logs').where('id', entry.id).update({ created_at: at(WHEN) })
    const { agent } = await staffAs('owner')

    const page = await agent.get(`/admin/audit?subjectType=store_time&subjectId=${subjectId}`)
    assert.equal(page.status, 200)
    assert.include(page.text, `<time ${WHEN_ISO}>${WHEN_NY}</time>`)
    assertNoUtc(assert, page.text, 'audit log')

    const sameDay = await agent.get(`/admin/audit?subjectType=store_time&subjectId=${subjectId}&from=2026-12-05&to=2026-12-05`)
    assert.include(sameDay.text, WHEN_NY, '5 December in New York holds it')
    const nextDay = await agent.get(`/admin/audit?subjectType=store_time&subjectId=${subjectId}&from=2026-12-06&to=2026-12-06`)
    assert.notInclude(nextDay.text, WHEN_NY, '6 December in New York does not, though it is 6 December in UTC')
  })

  test('events and jobs: occurred, delivered and queued in New York time', async ({ assert }) => {
    const { host, queue } = await outboxServices()
    const listener = `test.store-time-${unique()}`
    host.listen({ id: listener, event: 'CustomerRegistered', attempts: 1, backoffMs: 5, handle: () => {} })
    const event = await recordEvent('CustomerRegistered', { customerId: 1, email: uniqueEmail('tz') })
    await settleOutbox()
    const delivery = await OutboxDelivery.query().where('event_id', event.id).where('listener', listener).firstOrFail()
    await db.from('outbox_events').where('id', event.id).update({ occurred_at: at(WHEN) })
    await db.from('outbox_deliveries').where('id', delivery.id).update({ delivered_at: at(WHEN) })
    const { agent } = await staffAs('owner')

    const list = await agent.get('/admin/system/events')
    assert.equal(list.status, 200)
    assert.match(list.text, NY_TIME)
    assertNoUtc(assert, list.text, 'events list')
    const detail = await agent.get(`/admin/system/events/${delivery.id}`)
    assert.equal(detail.status, 200)
    assert.include(detail.text, `<time ${WHEN_ISO}>${WHEN_NY}</time>`, 'occurred and delivered')
    assertNoUtc(assert, detail.text, 'event detail')

    const jobName = `test.store-time-job-${unique()}`
    host.jobs.define({
      name: jobName,
      handle: () => {
        throw new Error('no warehouse today')
      },
    })
    await queue.dispatch(jobName, {}, { attempts: 1 })
    await settleOutbox()
    const jobs = await agent.get('/admin/system/jobs')
    assert.equal(jobs.status, 200)
    assert.include(jobs.text, jobName)
    const row = jobs.text.match(new RegExp(`<tr id="job-[^"]+">(?:(?!</tr>)[\\s\\S])*?${jobName}[\\s\\S]*?</tr>`))?.[0] ?? ''
    assert.match(row, NY_TIME, 'queued and failed at, in New York time')
    assertNoUtc(assert, jobs.text, 'jobs list')
  })

  test('staff: last sign-in and invitation expiry in New York time', async ({ assert }) => {
    const { agent, staff } = await staffAs('owner')
    const email = uniqueEmail('invitee')
    const roleRow = await db.from('roles').where('slug', 'support').first()
    await agent.submit('/admin/staff/invite', '/admin/staff/invitations', { email, roleId: String(roleRow.id) })
    const invitation = await StaffInvitation.findByOrFail('email', email)
    // an expiry in summer time: New York is then four hours behind
    await db.from('staff_invitations').where('id', invitation.id).update({ expires_at: at(DateTime.utc(2099, 7, 1, 16, 0) as DateTime<true>) })
    await db.from('staff_users').where('id', staff.id).update({ last_login_at: at(WHEN) })

    const page = await agent.get('/admin/staff')
    assert.equal(page.status, 200)
    assert.include(page.text, WHEN_NY, 'last sign-in')
    assert.include(page.text, 'Expires 1 Jul 2099, 12:00 EDT')
    assertNoUtc(assert, page.text, 'staff')
  })

  test('emails (notifications) and the stock ledger (inventory) in New York time', async ({ assert }) => {
    const message = await NotificationMessage.create({
      channel: 'email',
      driver: 'outbox',
      toAddress: uniqueEmail('tz-mail'),
      subject: 'Store time check',
      html: '<p>hi</p>',
      text: 'hi',
      status: 'sent',
      attempts: 1,
      sentAt: WHEN,
    })
    await db.from('notification_messages').where('id', message.id).update({ created_at: at(WHEN) })
    const { agent } = await staffAs('owner')

    const list = await agent.get(`/admin/emails?q=${encodeURIComponent(message.toAddress)}`)
    assert.equal(list.status, 200)
    assert.include(list.text, `<time ${WHEN_ISO}>${WHEN_NY}</time>`)
    assertNoUtc(assert, list.text, 'emails list')
    const detail = await agent.get(`/admin/emails/${message.id}`)
    assert.equal(detail.status, 200)
    assert.include(detail.text, `<dt>Created</dt><dd><time ${WHEN_ISO}>${WHEN_NY}</time></dd>`)
    assert.include(detail.text, `<dt>Sent</dt><dd><time ${WHEN_ISO}>${WHEN_NY}</time></dd>`)
    assertNoUtc(assert, detail.text, 'email detail')

    const product = await ProductFactory.with('variants', 1).create()
    const variantId = product.variants[0].id
    await (await app.container.make(InventoryPort)).adjust({ variantId, delta: 4, reason: 'received' })
    await db.from('inventory_movements').where('variant_id', variantId).update({ created_at: at(WHEN) })
    const history = await agent.get(`/admin/inventory/variants/${variantId}`)
    assert.equal(history.status, 200)
    assert.include(history.text, `<time ${WHEN_ISO}>${WHEN_NY}</time>`)
    assertNoUtc(assert, history.text, 'stock history')
  })

  test('discounts: listed in New York time; the form reads and shows New York wall time across both clock changes', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const code = `TZ-${unique().toUpperCase()}`
    const form = { code, kind: 'percentage', value: '10', currency: 'USD', active: '1' }

    // 02:30 on 8 March 2026 never happens in New York: the clocks go from 02:00 to 03:00
    const skipped = await agent.submit('/admin/discounts/new', '/admin/discounts', { ...form, startsAt: '2026-03-08T02:30', endsAt: '2026-11-01T01:30' })
    assert.notEqual(skipped.status, 302)
    assert.include(skipped.text, '8 Mar 2026, 02:30 does not exist in America/New_York')
    assert.include(skipped.text, 'value="2026-03-08T02:30"', 'what was typed comes back')
    assert.isNull(await Discount.findBy('code', code), 'nothing saved')

    // 01:30 before the spring change (EST, UTC-5); 01:30 on 1 November happens twice: the first, still EDT (UTC-4)
    const saved = await agent.submit('/admin/discounts/new', '/admin/discounts', { ...form, startsAt: '2026-03-08T01:30', endsAt: '2026-11-01T01:30' })
    assert.equal(saved.status, 303)
    const discount = await Discount.findByOrFail('code', code)
    assert.equal(discount.startsAt?.toUTC().toISO(), '2026-03-08T06:30:00.000Z')
    assert.equal(discount.endsAt?.toUTC().toISO(), '2026-11-01T05:30:00.000Z')

    const edit = await agent.get(`/admin/discounts/${discount.id}/edit`)
    assert.include(edit.text, 'value="2026-03-08T01:30"', 'the input shows what was typed, not UTC')
    assert.include(edit.text, 'value="2026-11-01T01:30"')
    assert.include(edit.text, 'America/New_York time')
    assertNoUtc(assert, edit.text, 'discount form')

    // saving the form unchanged keeps the same instants
    const again = await agent.submit(`/admin/discounts/${discount.id}/edit`, `/admin/discounts/${discount.id}?_method=PUT`, {
      ...form,
      startsAt: '2026-03-08T01:30',
      endsAt: '2026-11-01T01:30',
    })
    assert.equal(again.status, 303)
    await discount.refresh()
    assert.equal(discount.startsAt?.toUTC().toISO(), '2026-03-08T06:30:00.000Z')

    const list = await agent.get('/admin/discounts')
    assert.include(list.text, '8 Mar 2026, 01:30 EST')
    assert.include(list.text, '1 Nov 2026, 01:30 EDT')
    assertNoUtc(assert, list.text, 'discounts list')
  })

  test('countries by name: checkout saved addresses, tax rates, shipping zones, the admin order address', async ({ assert }) => {
    const customer = await CustomerFactory.with('addresses', 1, (addresses) =>
      addresses.merge({ countryCode: 'DE', postalCode: '10117', city: 'Berlin', line1: 'Unter den Linden 77' })
    ).create()
    const { variants } = await stockedVariants([{ price: 700, stock: 3 }])
    const shopper = new HttpAgent()
    await addToCart(shopper, variants[0].id)
    await shopper.submit('/checkout', '/customer/sign-in', { email: customer.email, password: CUSTOMER_PASSWORD })
    const checkout = await shopper.get('/checkout')
    assert.include(checkout.text, 'Unter den Linden 77, Berlin, Germany')
    assert.notInclude(checkout.text, 'Berlin, DE')

    await taxRate('DE', 1900)
    await flatShipping('DE', 500)
    const { agent } = await staffAs('owner')
    const rates = await agent.get('/admin/tax-rates')
    assert.equal(rates.status, 200)
    assert.include(rates.text, 'Germany (DE)</a>')
    const zones = await agent.get('/admin/shipping')
    assert.equal(zones.status, 200)
    assert.match(zones.text, /Countries: [^<]*Germany \(DE\)/)

    const { order } = await paidOrder({ lines: [{ quantity: 1, unitPrice: 900 }], email: uniqueEmail('de') })
    await db
      .from('orders')
      .where('id', order.id)
      .update({ shipping_address: JSON.stringify({ firstName: 'Max', lastName: 'Muster', line1: 'Unter den Linden 77', city: 'Berlin', postalCode: '10117', countryCode: 'DE' }) })
    const orderPage = await agent.get(`/admin/orders/${order.id}`)
    assert.equal(orderPage.status, 200)
    assert.match(orderPage.text, /<select id="address-country_code" name="country_code"/)
    assert.include(orderPage.text, '<option value="DE" selected>Germany</option>')
  })
})
