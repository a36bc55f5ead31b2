import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import AuditLog from '#models/audit_log'
import { uniqueSuffix } from '#database/factories/unique'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder } from '#tests/helpers/admin_orders'
import app from '@adonisjs/core/services/app'
import FulfillOrder from '#actions/orders/fulfill_order'
import { CustomerFactory } from '#database/factories/customer_factory'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const fulfillOrder: FulfillOrder['handle'] = async (...args) => (await app.container.make(FulfillOrder)).handle(...args)

function listedNumbers(html: string) {
  return [...html.matchAll(/<a href="\/admin\/orders\/\d+">#(\d+)<\/a>/g)].map((match) => Number(match[1]))
}

const uniqueTag = () => `x${uniqueSuffix().toLowerCase().replace(/[^a-z0-9]/g, '')}`

test.group('Admin | orders: tags, more filters, saved views', (group) => {
  group.each.setup(() => clearRateLimits())

  test('staff tag orders (audited) and filter by tag, total range, discount code and customer', async ({ assert }) => {
    const tag = uniqueTag()
    const small = await paidOrder({ email: `${tag}.small@example.com`, lines: [{ quantity: 1, unitPrice: 1000 }] })
    const large = await paidOrder({ email: `${tag}.large@example.com`, lines: [{ quantity: 4, unitPrice: 5000 }] })
    const customer = await CustomerFactory.create()
    await db.from('orders').where('id', large.order.id).update({ discount_code: `SAVE${tag.toUpperCase()}`, customer_id: customer.id })
    const { agent, staff } = await signedInStaff('fulfillment')

    const tagged = await agent.submit(`/admin/orders/${large.order.id}`, `/admin/orders/${large.order.id}/tags`, { tag: 'VIP' })
    assert.equal(tagged.status, 303)
    await agent.submit(`/admin/orders/${large.order.id}`, `/admin/orders/${large.order.id}/tags`, { tag: 'vip' }) // again: no change
    const audits = await AuditLog.query().where('action', 'order.tag').where('subject_id', String(large.order.id))
    assert.lengthOf(audits, 1)
    assert.deepEqual(audits[0].changes, { tags: [[], ['vip']] })
    assert.equal(audits[0].actorId, staff.id)
    assert.equal((await agent.submit(`/admin/orders/${large.order.id}`, `/admin/orders/${large.order.id}/tags`, { tag: '<b>' })).status, 303)
    assert.deepEqual((await db.from('order_tags').where('order_id', large.order.id)).map((row) => row.tag), ['vip'])

    const q = `q=${tag}`
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&tag=vip`)).text), [large.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&total_min=100`)).text), [large.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&total_max=10.00`)).text), [small.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&total_min=10&total_max=10`)).text), [small.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?${q}&discount=save${tag}`)).text), [large.order.number])
    assert.deepEqual(listedNumbers((await agent.get(`/admin/orders?customer=${customer.id}`)).text), [large.order.number])
    assert.include((await agent.get(`/admin/orders?${q}`)).text, 'href="/admin/orders?tag=vip"')

    const untagged = await agent.submit(`/admin/orders/${large.order.id}`, `/admin/orders/${large.order.id}/tags/delete`, { tag: 'vip' })
    assert.equal(untagged.status, 303)
    assert.lengthOf(listedNumbers((await agent.get(`/admin/orders?${q}&tag=vip`)).text), 0)
    const removed = await AuditLog.query().where('action', 'order.untag').where('subject_id', String(large.order.id)).firstOrFail()
    assert.deepEqual(removed.changes, { tags: [['vip'], []] })

    const analyst = await signedInStaff('analyst')
    assert.equal((await analyst.agent.submit(`/admin/orders/${small.order.id}`, `/admin/orders/${small.order.id}/tags`, { tag: 'nope' })).status, 403)
  }).timeout(30_000)

  test('saved views belong to one staff member: save from the filters, listed as links, delete', async ({ assert }) => {
    const { agent } = await signedInStaff('analyst')
    const other = await signedInStaff('analyst')
    const saved = await agent.submit('/admin/orders', '/admin/orders/views', { name: 'To ship', query: 'payment=paid&fulfillment=unfulfilled&page=3&bogus=1' })
    assert.equal(saved.status, 303, saved.text)
    assert.equal(saved.location, '/admin/orders?payment=paid&fulfillment=unfulfilled')

    const list = await agent.get('/admin/orders?payment=paid&fulfillment=unfulfilled')
    assert.match(list.text, /<a href="\/admin\/orders\?payment=paid&amp;fulfillment=unfulfilled" aria-current="page">To ship<\/a>/)
    assert.notInclude((await other.agent.get('/admin/orders')).text, 'To ship')

    // same name again replaces the filters
    await agent.submit('/admin/orders', '/admin/orders/views', { name: 'To ship', query: 'fulfillment=unfulfilled' })
    const views = await db.from('saved_order_views').where('name', 'To ship')
    assert.lengthOf(views, 1)
    assert.equal(views[0].query, 'fulfillment=unfulfilled')
    assert.equal((await agent.submit('/admin/orders', '/admin/orders/views', { name: 'Bad', query: 'status=bogus' })).status, 303)
    assert.lengthOf(await db.from('saved_order_views').where('name', 'Bad'), 0)

    assert.equal((await other.agent.submit('/admin/orders', `/admin/orders/views/${views[0].id}/delete`, {})).status, 404)
    assert.equal((await agent.submit('/admin/orders', `/admin/orders/views/${views[0].id}/delete`, {})).status, 303)
    assert.lengthOf(await db.from('saved_order_views').where('id', views[0].id), 0)
    // two saves and a delete; the refused save and the other staff member's attempt wrote nothing
    assert.lengthOf(await AuditLog.query().whereIn('action', ['order_view.save', 'order_view.delete']).where('actor_id', views[0].staff_user_id), 3)
  })

  test('the shipping address is editable before anything ships, audited, and refused after', async ({ assert }) => {
    const placed = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }] })
    const { agent, staff } = await signedInStaff('support')
    const page = `/admin/orders/${placed.order.id}`
    const form = { first_name: 'Ada', last_name: 'Byron', line1: '12 St James Sq', city: 'London', postal_code: 'sw1y 4jh', country_code: 'gb' }

    const bad = await agent.submit(page, `${page}/shipping-address`, { ...form, city: '' })
    assert.equal(bad.status, 422)
    assert.include(bad.text, 'id="address-city-error"')
    const updated = await agent.submit(page, `${page}/shipping-address`, form)
    assert.equal(updated.status, 303)
    const order = await Order.findOrFail(placed.order.id)
    assert.deepInclude(order.shippingAddress!, { firstName: 'Ada', lastName: 'Byron', city: 'London', postalCode: 'SW1Y 4JH', countryCode: 'GB' })
    const audit = await AuditLog.query().where('action', 'order.shipping_address').where('subject_id', String(order.id)).firstOrFail()
    assert.equal(audit.actorId, staff.id)
    const [before, after] = (audit.changes as { shippingAddress: [Record<string, unknown>, Record<string, unknown>] }).shippingAddress
    assert.equal(before.lastName, 'Hopper')
    assert.equal(after.lastName, 'Byron')
    assert.include((await agent.get(page)).text, 'Shipping address changed')

    await fulfillOrder(order.id, { lines: [{ orderLineId: placed.lines[0].id, quantity: 1 }] }, { type: 'staff', id: 1 })
    assert.notInclude((await agent.get(page)).text, 'Edit shipping address')
    const late = await agent.submit(page, `${page}/shipping-address`, { ...form, city: 'Paris' })
    assert.equal(late.status, 303)
    assert.equal((await Order.findOrFail(order.id)).shippingAddress!.city, 'London')
    assert.lengthOf(await AuditLog.query().where('action', 'order.shipping_address').where('subject_id', String(order.id)), 1)
  })

  test('a pick list sums what is left to ship per SKU over the chosen orders', async ({ assert }) => {
    const a = await paidOrder({ lines: [{ quantity: 3, unitPrice: 1000 }, { quantity: 1, unitPrice: 500 }] })
    const b = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }] })
    // b's line is a's first variant too, so the two orders share a SKU
    await db.from('order_lines').where('id', b.lines[0].id).update({ sku: a.lines[0].sku })
    await fulfillOrder(a.order.id, { lines: [{ orderLineId: a.lines[0].id, quantity: 1 }] }, { type: 'staff', id: 1 })
    const { agent } = await signedInStaff('analyst')

    const list = await agent.get(`/admin/orders/pick-list?order_ids[]=${a.order.id}&order_ids[]=${b.order.id}`)
    assert.equal(list.status, 200)
    const row = new RegExp(`<tr data-sku="${a.lines[0].sku}">[\\s\\S]*?data-quantity>(\\d+)<`).exec(list.text)
    assert.equal(row?.[1], '4') // 3 - 1 shipped + 2
    assert.match(list.text, new RegExp(`data-sku="${a.lines[1].sku}">[\\s\\S]*?data-quantity>1<`))
    assert.include(list.text, `#${b.order.number} ×2`)
    assert.include(list.text, '5 units for 2 orders')
    const none = await agent.get('/admin/orders/pick-list')
    assert.equal(none.status, 303)
  })
})
