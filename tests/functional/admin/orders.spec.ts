import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import Order from '#models/order'
import { CustomerFactory } from '#database/factories/customer_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder, pendingOrder } from '#tests/helpers/admin_orders'
import app from '@adonisjs/core/services/app'
import FulfillOrder from '#actions/orders/fulfill_order'
import { dbTimestamp } from '#services/db_time'
import { HttpAgent } from '#tests/helpers/http_agent'
import { STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { asset } from '#services/assets'

const fulfillOrder: FulfillOrder['handle'] = async (...args) => (await app.container.make(FulfillOrder)).handle(...args)

function listedNumbers(html: string) {
  return [...html.matchAll(/<a href="\/admin\/orders\/\d+">#(\d+)<\/a>/g)].map((match) => Number(match[1]))
}

test.group('Admin | orders list', (group) => {
  group.each.setup(() => clearRateLimits())

  test('filters by status, payment, fulfillment and date, and searches number, email and name', async ({ assert }) => {
    // starts with a letter so the search never reads it as an order number
    const tag = `x${uniqueSuffix().toLowerCase().replace(/[^a-z0-9]/g, '')}`
    const paid = await paidOrder({ email: `ada.${tag}@example.com`, lastName: `Lovelace${tag}`, lines: [{ quantity: 3, unitPrice: 2500 }] })
    const pending = await pendingOrder({ email: `bob.${tag}@example.com`, lastName: `Builder${tag}` })
    const shipped = await paidOrder({ email: `cy.${tag}@example.com`, lastName: `Shipper${tag}`, lines: [{ quantity: 2, unitPrice: 700 }] })
    await fulfillOrder(shipped.order.id, { lines: [{ orderLineId: shipped.lines[0].id, quantity: 1 }] }, { type: 'staff', id: 1 })
    const { agent } = await signedInStaff('analyst')

    // name search matches the shipping-address snapshot; email search is by prefix
    const byName = await agent.get(`/admin/orders?q=lovelace${tag}`)
    assert.equal(byName.status, 200)
    assert.deepEqual(listedNumbers(byName.text), [paid.order.number])
    const byEmail = await agent.get(`/admin/orders?q=${encodeURIComponent(`bob.${tag}@`)}`)
    assert.deepEqual(listedNumbers(byEmail.text), [pending.order.number])
    const byNumber = await agent.get(`/admin/orders?q=%23${shipped.order.number}`)
    assert.deepEqual(listedNumbers(byNumber.text), [shipped.order.number])

    // the three of them share the tag at the end of their names: filter within it
    const q = `q=${tag}`
    const all = await agent.get(`/admin/orders?${q}`)
    assert.sameMembers(listedNumbers(all.text), [paid.order.number, pending.order.number, shipped.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&status=pending`)).text), [pending.order.number])
    assert.sameMembers(listedNumbers((await agent.get(`/admin/orders?${q}&payment=paid`)).text), [paid.order.number, shipped.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&fulfillment=partially_fulfilled`)).text), [shipped.order.number])
    // payment and fulfilment read as badges in their tones, the placed date on one line
    const shippedRow = new RegExp(`<tr id="order-${shipped.order.id}">[\\s\\S]*?</tr>`).exec(all.text)?.[0] ?? ''
    assert.match(shippedRow, /<td data-label="Payment" data-payment>\s*<span class="badge badge--success">Paid<\/span>/)
    assert.match(shippedRow, /<td data-label="Fulfillment" data-fulfillment>\s*<span class="badge badge--info">Partially fulfilled<\/span>/)
    assert.include(shippedRow, '<td data-label="Placed" class="date-cell">')
    // newest first by default; oldest first on request
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}`)).text), [shipped.order.number, pending.order.number, paid.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&sort=placed`)).text), [paid.order.number, pending.order.number, shipped.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&sort=-total`)).text)[0], paid.order.number)

    const today = DateTime.now().toISODate()!
    const tomorrow = DateTime.now().plus({ days: 1 }).toISODate()!
    assert.lengthOf(listedNumbers((await agent.get(`/admin/orders?${q}&from=${today}&to=${today}`)).text), 3)
    const future = await agent.get(`/admin/orders?${q}&from=${tomorrow}`)
    assert.lengthOf(listedNumbers(future.text), 0)
    assert.include(future.text, '<h2 class="empty-state__title">No orders match</h2>')
    // a bad filter value is ignored rather than failing the page
    assert.equal((await agent.get(`/admin/orders?status=bogus`)).status, 200)
  })

  test('an htmx request gets only the table fragment, varying on HX-Request; the nav has Orders', async ({ assert }) => {
    const { agent } = await signedInStaff('fulfillment')
    const fragment = await agent.get('/admin/orders?status=open', { 'HX-Request': 'true' })
    assert.equal(fragment.status, 200)
    assert.match(fragment.text.trim(), /^<div id="orders-table">/)
    assert.notInclude(fragment.text, '<html')
    assert.include(fragment.headers.get('vary') ?? '', 'HX-Request')

    const page = await agent.get('/admin/orders')
    assert.include(page.text, 'hx-push-url="true"')
    assert.include(page.text, '<a href="/admin/orders" aria-current="page">Orders</a>')
  })

  test('staff without orders.read get 403 and no nav entry', async ({ assert }) => {
    const { order } = await paidOrder()
    // every system role reads orders; a custom role with the catalog only does not
    const slug = `catalog_only_${uniqueSuffix().toLowerCase().replace(/[^a-z0-9]/g, '')}`
    const now = dbTimestamp()
    const [inserted] = await db
      .table('roles')
      .insert({ slug, name: slug, is_system: false, permissions: JSON.stringify(['catalog.read']), created_at: now, updated_at: now })
      .returning('id')
    const roleId = Number(typeof inserted === 'object' ? inserted.id : inserted)
    const { staff } = await signedInStaff('catalog_manager')
    await db.from('staff_users').where('id', staff.id).update({ role_id: roleId })
    const limited = new HttpAgent()
    await limited.submit('/admin/login', '/admin/login', { email: staff.email, password: STAFF_PASSWORD })
    assert.equal((await limited.get('/admin/orders')).status, 403)
    assert.equal((await limited.get(`/admin/orders/${order.id}`)).status, 403)
    assert.equal((await limited.get(`/admin/orders/${order.id}/packing-slip`)).status, 403)
    const products = await limited.get('/admin/products')
    assert.equal(products.status, 200)
    assert.notInclude(products.text, 'href="/admin/orders"')
  })
})

test.group('Admin | order page', (group) => {
  group.each.setup(() => clearRateLimits())

  test('shows lines, customer, address, payments, fulfillments and the timeline', async ({ assert }) => {
    const { order, lines } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1250 }], lastName: 'Detailson' })
    await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: 1 }], carrier: 'DHL', trackingNumber: 'TRK-123' }, { type: 'staff', id: 1 })
    const { agent } = await signedInStaff('support')
    const page = await agent.get(`/admin/orders/${order.id}`)
    assert.equal(page.status, 200)
    assert.include(page.text, `Order #${order.number}`)
    assert.include(page.text, 'Grace Detailson')
    assert.include(page.text, '1 Compiler Way')
    assert.include(page.text, order.email)
    assert.match(page.text, new RegExp(`id="line-${lines[0].id}"[\\s\\S]*?data-fulfilled>1<`))
    assert.include(page.text, '$25.00')
    assert.include(page.text, 'TRK-123')
    assert.include(page.text, '<td data-label="Provider">Manual payment</td>')
    // the timeline in words: what happened and the status it moved, never a type key or raw status
    assert.match(page.text, /data-timeline[\s\S]*Paid \(Pending → Paid\)[\s\S]*Shipped \(Unfulfilled → Partially fulfilled\), tracking TRK-123/)
    const timelineText = /data-timeline[\s\S]*?<\/ol>/.exec(page.text)![0].replace(/<[^>]+>/g, ' ')
    assert.notMatch(timelineText, /Fulfillment created|payment_paid|partially_fulfilled|\(— →|by staff:/)
    // support refunds but does not ship
    assert.include(page.text, `action="/admin/orders/${order.id}/refunds"`)
    assert.notInclude(page.text, `action="/admin/orders/${order.id}/fulfillments"`)

    // a guest checkout keeps a customer row without a password: still a guest, as the customer page says
    const guest = await CustomerFactory.apply('guest').create()
    await Order.query().where('id', order.id).update({ customerId: guest.id })
    const customerCard = (text: string) => /id="customer-heading"[\s\S]*?<\/section>/.exec(text)![0]
    assert.match(customerCard((await agent.get(`/admin/orders/${order.id}`)).text), /· guest<\/span>/)
    const member = await CustomerFactory.create()
    await Order.query().where('id', order.id).update({ customerId: member.id })
    assert.match(customerCard((await agent.get(`/admin/orders/${order.id}`)).text), /· has an account<\/span>/)

    const slip = await agent.get(`/admin/orders/${order.id}/packing-slip`)
    assert.equal(slip.status, 200)
    assert.include(slip.text, 'Packing slip')
    assert.include(slip.text, asset('/css/packing_slip.css'))
    assert.match(slip.text, /data-to-pack>1</)
    assert.notInclude(slip.text, '$25.00')
    const css = await agent.get(slip.text.match(/href="([^"]*packing_slip\.[^"]*)"/)![1])
    assert.equal(css.status, 200)
    assert.include(css.text, '@media print')
  })

  test('a note goes on the timeline and in the audit log; an empty one is refused inline; analysts cannot add one', async ({ assert }) => {
    const { order } = await paidOrder()
    const { agent, staff } = await signedInStaff('fulfillment')
    const page = `/admin/orders/${order.id}`
    const added = await agent.submit(page, `${page}/notes`, { body: 'Customer asked for gift wrap' })
    assert.equal(added.status, 303)
    const note = await db.from('order_events').where('order_id', order.id).where('type', 'note').firstOrFail()
    assert.equal(note.actor, `staff:${staff.id}`)
    const shown = await agent.get(page)
    assert.include(shown.text, 'Note added')
    assert.include(shown.text, 'Customer asked for gift wrap')
    const audit = await AuditLog.query().where('subject_type', 'order').where('subject_id', String(order.id)).where('action', 'order.note').firstOrFail()
    assert.equal(audit.actorId, staff.id)

    const empty = await agent.submit(page, `${page}/notes`, { body: '   ' })
    assert.equal(empty.status, 422)
    assert.include(empty.text, 'id="note-body-error"')

    const analyst = await signedInStaff('analyst')
    const refused = await analyst.agent.submit(page, `${page}/notes`, { body: 'not allowed' })
    assert.equal(refused.status, 403)
    assert.notInclude((await analyst.agent.get(page)).text, `${page}/notes`)
  })
})
