import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import storeConfig from '#config/store'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import Fulfillment from '#models/fulfillment'
import FulfillmentLine from '#models/fulfillment_line'
import { recordEvent } from '#plugin_host/outbox'
import { dbTimestamp } from '#services/db_time'
import { HttpAgent } from '#tests/helpers/http_agent'
import { latestEmail, uniqueEmail } from '#tests/helpers/accounts'
import { signedInStaff } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'

// Placed and paid at 02:30 UTC on 6 December: the evening of 5 December in New York.
const PLACED = DateTime.utc(2026, 12, 6, 2, 30) as DateTime<true>

/** A paid, shipped order to Portland, Oregon, whose name and street carry markup, with its timeline rows at PLACED. */
async function shippedOrderToPortland() {
  const order = await Order.create({
    number: 9_000_000 + Math.floor(Math.random() * 900_000),
    publicToken: randomBytes(24).toString('base64url'),
    email: uniqueEmail('portland'),
    currency: 'USD',
    status: 'open',
    paymentStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    subtotal: 1500,
    discountTotal: 0,
    shippingTotal: 0,
    taxTotal: 0,
    total: 1500,
    shippingAddress: {
      firstName: '<script>alert("name")</script>',
      lastName: 'Rose',
      line1: '1234 SW <b>Main</b> St',
      line2: 'Apt 5',
      city: 'Portland',
      region: 'OR',
      postalCode: '97201',
      countryCode: 'US',
      phone: '+1 503 555 0100',
    },
    billingAddress: { firstName: 'Max', lastName: 'Muster', line1: 'Unter den Linden 77', city: 'Berlin', postalCode: '10117', countryCode: 'DE' },
    placedAt: PLACED,
  })
  const line = await OrderLine.create({ orderId: order.id, sku: 'SKU-PDX', title: 'Thing', quantity: 2, unitPrice: 750, total: 1500, taxAmount: 0 })
  const at = dbTimestamp(db.connection(), PLACED)
  for (const type of ['placed', 'payment_paid']) {
    await db.table('order_events').insert({ order_id: order.id, type, actor: 'test', created_at: at })
  }
  const fulfillment = await Fulfillment.create({ orderId: order.id, status: 'shipped', carrier: 'UPS', shippedAt: PLACED })
  await FulfillmentLine.create({ fulfillmentId: fulfillment.id, orderLineId: line.id, quantity: 2 })
  return { order, fulfillment }
}

function assertPortlandAddress(assert: any, html: string, where: string) {
  assert.include(html, 'Portland, OR 97201', `${where}: US city line`)
  assert.include(html, 'United States', `${where}: the country by name`)
  assert.include(html, '10117 Berlin', `${where}: German postcode first`)
  assert.include(html, 'Germany', `${where}: the billing country by name`)
  assert.notMatch(html, /<br>\s*US\s*</, `${where}: no bare country code`)
  assert.include(html, '&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; Rose', `${where}: the name stays escaped`)
  assert.include(html, '1234 SW &lt;b&gt;Main&lt;/b&gt; St', `${where}: the street stays escaped`)
  assert.notInclude(html, '<script>alert("name")', `${where}: no live markup`)
  assert.notMatch(html, /@(if|end)\b/, `${where}: no template tag leaks into the page`)
}

test.group('Orders | addresses in their country format, times in the store time zone', (group) => {
  const configured = storeConfig.timezone
  group.each.setup(() => {
    storeConfig.timezone = 'America/New_York'
    return () => {
      storeConfig.timezone = configured
    }
  })
  group.each.setup(() => clearRateLimits())

  test('order page, admin page and shipped email show New York times and formatted addresses', async ({ assert }) => {
    const { order, fulfillment } = await shippedOrderToPortland()

    const orderPage = await new HttpAgent().get(`/orders/${order.publicToken}`)
    assert.equal(orderPage.status, 200)
    assertPortlandAddress(assert, orderPage.text, 'order page')
    assert.match(orderPage.text, /<li data-event="placed"><time datetime="2026-12-05T21:30:00\.000-05:00">5 Dec 2026, 21:30 EST<\/time> Order placed/)
    assert.include(orderPage.text, '>5 Dec 2026</time>', 'shipped on the New York day')
    assert.notInclude(orderPage.text, 'UTC', 'no UTC next to a New York store time')

    const { agent: staff } = await signedInStaff('owner')
    const adminPage = await staff.get(`/admin/orders/${order.id}`)
    assert.equal(adminPage.status, 200)
    assertPortlandAddress(assert, adminPage.text, 'admin order page')
    assert.include(adminPage.text, '+1 503 555 0100')
    assert.include(adminPage.text, '5 Dec 2026, 21:30 EST', 'admin timeline')
    assert.notInclude(adminPage.text, ' UTC<', 'no UTC next to a New York store time')

    const list = await staff.get(`/admin/orders?q=${order.number}`)
    assert.equal(list.status, 200)
    assert.include(list.text, '5 Dec 2026, 21:30 EST', 'the orders list: placed in New York time')
    assert.notInclude(list.text, 'UTC')

    const slip = await staff.get(`/admin/orders/${order.id}/packing-slip`)
    assert.equal(slip.status, 200)
    assert.include(slip.text, 'Portland, OR 97201')
    assert.include(slip.text, '5 Dec 2026')

    const event = await recordEvent('OrderFulfilled', { orderId: order.id, fulfillmentId: fulfillment.id })
    assert.isNotNull(event)
    const email = await latestEmail(order.email, 'order_shipped')
    assert.isNotNull(email)
    assert.include(email.html, '5 Dec 2026', 'shipped on the New York day')
    assert.notInclude(email.html, '6 Dec 2026')
    assertPortlandAddress(assert, email.html.replace(/<br>\s*/g, '<br>'), 'shipped email')
    assert.include(String(email.text), 'Portland, OR 97201')
    assert.include(String(email.text), '<script>alert("name")</script> Rose', 'the text part is plain text')
  })
})
