import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import { dbTimestamp } from '#services/db_time'
import { CustomerFactory } from '#database/factories/customer_factory'
import { paidOrder, pendingOrder } from '#tests/helpers/admin_orders'
import RefundOrderByStaff from '#actions/orders/refund_order_by_staff'
import { staffCsrfToken, staffPerRole } from '#tests/helpers/staff_session'
import { customerDetail } from '#queries/admin_customer_detail_query'
import { listAdminCustomers } from '#queries/admin_customers_query'

/** A customer with orders: `paid` totals (each paid), `refunds` of those (index → amount), `pending` unpaid totals. */
async function customerWithOrders(spec: { paid: number[]; refunds?: Record<number, number>; pending?: number[] }) {
  const customer = await CustomerFactory.with('addresses', 1).create()
  const ids: number[] = []
  for (const [index, total] of spec.paid.entries()) {
    const { order } = await paidOrder({ lines: [{ quantity: 1, unitPrice: total }], email: customer.email })
    await db.from('orders').where('id', order.id).update({ customer_id: customer.id })
    const refund = spec.refunds?.[index]
    if (refund) await (await app.container.make(RefundOrderByStaff)).handle(order.id, { amount: refund, reason: 'test' }, { type: 'system' })
    ids.push(order.id)
  }
  for (const total of spec.pending ?? []) {
    const { order } = await pendingOrder({ lines: [{ quantity: 1, unitPrice: total }], email: customer.email })
    await db.from('orders').where('id', order.id).update({ customer_id: customer.id })
  }
  return { customer, orderIds: ids }
}


const staffAs = staffPerRole()
const csrfOf = staffCsrfToken

test.group('Admin | customers figures', () => {
  test('lifetime value is paid orders minus refunds; the average order divides it by paid orders', async ({ assert }) => {
    // 100.00 + 40.00 + 25.00 paid, 15.00 and all 25.00 refunded, 999.00 never paid
    const { customer } = await customerWithOrders({ paid: [10_000, 4_000, 2_500], refunds: { 0: 1_500, 2: 2_500 }, pending: [99_900] })
    const detail = (await customerDetail(customer.id))!
    assert.deepInclude(detail.stats, { gross: 16_500, refunded: 4_000, lifetimeValue: 12_500, paidCount: 3, ordersCount: 4, averageOrder: 4_167 })
    assert.lengthOf(detail.orders, 4)
    assert.deepEqual(
      detail.orders.map((order) => order.refunded).sort((a, b) => a - b),
      [0, 0, 1_500, 2_500]
    )

    const { agent } = await staffAs('support')
    const page = await agent.get(`/admin/customers/${customer.id}`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'data-ltv>$125.00<')
    assert.include(page.text, 'data-aov>$41.67<')
    assert.include(page.text, 'data-refunded>$40.00<')
    assert.include(page.text, '12 Analytical Row')

    const list = await agent.get(`/admin/customers?q=${encodeURIComponent(customer.email)}`)
    assert.match(list.text, new RegExp(`id="customer-${customer.id}">[\\s\\S]*?data-orders>4<[\\s\\S]*?data-ltv>\\$125.00<`))
  })

  test('the list sorts by lifetime value, last order and sign-up, and filters by orders and tag', async ({ assert }) => {
    const big = await customerWithOrders({ paid: [50_000], refunds: { 0: 45_000 } })
    const mid = await customerWithOrders({ paid: [20_000] })
    const none = await CustomerFactory.create()
    const tag = `tag-${Math.random().toString(36).slice(2, 7)}`
    for (const customer of [big.customer, mid.customer, none]) {
      await db.table('customer_tags').insert({ customer_id: customer.id, tag, created_at: dbTimestamp() })
    }
    const ids = (page: Awaited<ReturnType<typeof listAdminCustomers>>) => page.all().map((row) => row.id)
    assert.deepEqual(ids(await listAdminCustomers({ tag, sort: '-ltv' }, '/admin/customers')), [mid.customer.id, big.customer.id, none.id])
    assert.deepEqual(ids(await listAdminCustomers({ tag, sort: 'ltv' }, '/admin/customers')), [none.id, big.customer.id, mid.customer.id])
    assert.deepEqual(ids(await listAdminCustomers({ tag, orders: 'no' }, '/admin/customers')), [none.id])
    assert.sameMembers(ids(await listAdminCustomers({ tag, orders: 'yes' }, '/admin/customers')), [big.customer.id, mid.customer.id])
    assert.deepEqual(ids(await listAdminCustomers({ tag, sort: '-last_order' }, '/admin/customers')), [mid.customer.id, big.customer.id, none.id])
    const byCreated = await listAdminCustomers({ tag }, '/admin/customers')
    assert.deepEqual(ids(byCreated), [none.id, mid.customer.id, big.customer.id])
    assert.equal(byCreated.all()[2].lifetimeValue, 5_000)

    const { agent } = await staffAs('analyst')
    const fragment = await agent.get(`/admin/customers?tag=${tag}&sort=-ltv`, { 'HX-Request': 'true' })
    assert.equal(fragment.status, 200)
    assert.notInclude(fragment.text, '<h1>')
    const order = [...fragment.text.matchAll(/id="customer-(\d+)"/g)].map((match) => Number(match[1]))
    assert.deepEqual(order, [mid.customer.id, big.customer.id, none.id])
  })
})

test.group('Admin | customer tags and notes', () => {
  test('support edits tags and notes; each change is audited with before and after', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const { agent, staff } = await staffAs('support')
    const page = `/admin/customers/${customer.id}`

    const saved = await agent.submit(page, `${page}/tags`, { tags: 'VIP, wholesale, vip' })
    assert.equal(saved.status, 303)
    assert.include((await agent.get(page)).text, '<span class="badge">vip</span>')
    await agent.submit(page, `${page}/tags`, { tags: 'wholesale, net 30' })
    const tags = await db.from('customer_tags').where('customer_id', customer.id).orderBy('tag')
    assert.deepEqual(
      tags.map((row) => row.tag),
      ['net 30', 'wholesale']
    )
    const audits = await AuditLog.query().where('action', 'customer.tags_changed').where('subject_id', String(customer.id)).orderBy('id')
    assert.deepEqual(
      audits.map((audit) => audit.changes),
      [{ tags: [[], ['vip', 'wholesale']] }, { tags: [['vip', 'wholesale'], ['net 30', 'wholesale']] }]
    )
    assert.equal(audits[0].actorId, staff.id)

    const badTag = await agent.submit(page, `${page}/tags`, { tags: 'ok, <script>' })
    assert.equal(badTag.status, 422)
    assert.include(badTag.text, 'id="customer-tags-error"')

    const noted = await agent.submit(page, `${page}/notes`, { body: 'Prefers deliveries after 10am' })
    assert.equal(noted.status, 303)
    const shown = await agent.get(page)
    assert.include(shown.text, 'Prefers deliveries after 10am')
    assert.include(shown.text, staff.fullName)
    const note = await db.from('customer_notes').where('customer_id', customer.id).firstOrFail()
    const empty = await agent.submit(page, `${page}/notes`, { body: '   ' })
    assert.equal(empty.status, 422)

    const deleted = await agent.submit(page, `${page}/notes/${note.id}/delete`, {})
    assert.equal(deleted.status, 303)
    assert.lengthOf(await db.from('customer_notes').where('customer_id', customer.id), 0)
    const noteAudits = await AuditLog.query().where('subject_type', 'customer').where('subject_id', String(customer.id)).whereIn('action', ['customer.note_added', 'customer.note_deleted']).orderBy('id')
    assert.deepEqual(
      noteAudits.map((audit) => [audit.action, (audit.changes as any).note]),
      [
        ['customer.note_added', [null, 'Prefers deliveries after 10am']],
        ['customer.note_deleted', ['Prefers deliveries after 10am', null]],
      ]
    )
  })

  test('analysts read customers but cannot change them; fulfillment staff cannot open them', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    const page = `/admin/customers/${customer.id}`
    const { agent: analyst } = await staffAs('analyst')
    const shown = await analyst.get(page)
    assert.equal(shown.status, 200)
    assert.notInclude(shown.text, `${page}/tags"`)
    assert.notInclude(shown.text, `${page}/notes"`)
    const csrf = await csrfOf(analyst)
    assert.equal((await analyst.post(`${page}/tags`, { _csrf: csrf, tags: 'vip' })).status, 403)
    assert.equal((await analyst.post(`${page}/notes`, { _csrf: csrf, body: 'hello' })).status, 403)
    assert.lengthOf(await db.from('customer_tags').where('customer_id', customer.id), 0)
    assert.lengthOf(await db.from('customer_notes').where('customer_id', customer.id), 0)
    assert.include((await analyst.get('/admin')).text, 'href="/admin/customers"')

    const { agent: fulfillment } = await staffAs('fulfillment')
    assert.equal((await fulfillment.get('/admin/customers')).status, 403)
    assert.equal((await fulfillment.get(page)).status, 403)
    assert.notInclude((await fulfillment.get('/admin')).text, 'href="/admin/customers"')
  })
})
