import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import runtime from '#config/runtime'
import OrderEvent from '#models/order_event'
import { recordAudit } from '#services/audit_log'
import { dbTimestamp } from '#services/db_time'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder, pendingOrder } from '#tests/helpers/admin_orders'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { recordPaymentSucceeded, startPayment } from '#tests/helpers/payment_actions'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'

/*
| Staff never read a raw key or a developer string: status values, template
| keys, permission keys, audit actions, actor strings and "(s)" plurals are
| said in words on the pages that show them.
*/

/** The page's text without tags, for "this word never shows" checks that ignore attribute values (hrefs, data-*). */
function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

test.group('Admin | words, not keys', (group) => {
  group.each.setup(() => clearRateLimits())

  test('roles show each permission by name and description, never its key', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const list = await agent.get('/admin/roles')
    assert.equal(list.status, 200)
    assert.include(list.text, 'View catalog')
    assert.include(list.text, 'See products and collections')
    const form = await agent.get('/admin/roles/new')
    assert.include(form.text, '<strong>Manage catalog</strong>')
    assert.include(form.text, 'Create, edit and delete products, prices and collections')
    for (const page of [list, form]) {
      assert.notMatch(visibleText(page.text), /\b(catalog|orders|inventory|customers|analytics|settings|staff|roles)\.(read|write|fulfill|refund|manage)\b/)
    }
  })

  test('the email list and an email name the template and the status in words', async ({ assert }) => {
    const { id } = await new OutboxNotifier().send({ to: 'words@example.com', subject: 'Words receipt', html: '<p>Hi</p>', template: 'order_confirmation' })
    const { agent } = await signedInStaff('owner')
    const list = await agent.get('/admin/emails?q=words%40example.com')
    assert.include(list.text, 'Order confirmation')
    assert.include(list.text, 'Stored, not sent')
    const page = await agent.get(`/admin/emails/${id}`)
    assert.include(page.text, 'Order confirmation')
    assert.include(page.text, 'Stored, not sent')
    for (const shown of [list, page]) {
      const text = visibleText(shown.text)
      assert.notInclude(text, 'order_confirmation')
      assert.notMatch(text, /\bstored\b/)
    }
  })

  test('the order page: status badges, payments and a timeline in words, by whom in words', async ({ assert }) => {
    const { order } = await pendingOrder()
    await OrderEvent.create({ orderId: order.id, type: 'placed', fromStatus: null, toStatus: 'pending', actor: 'guest', data: { number: order.number } })
    const { agent } = await signedInStaff('owner')
    const page = await agent.get(`/admin/orders/${order.id}`)
    assert.equal(page.status, 200)
    assert.include(page.text, '<span class="badge" data-status>Pending</span>')
    assert.include(page.text, 'Payment: Pending')
    assert.include(page.text, 'Fulfillment: Unfulfilled')
    const timeline = /data-timeline[\s\S]*?<\/ol>/.exec(page.text)![0]
    assert.match(timeline, /<span>Placed<\/span>\s*<small class="muted">by a guest shopper<\/small>/)
    const text = visibleText(page.text)
    assert.notInclude(text, '(— →')
    assert.notMatch(text, /by (guest|customer:\d+|webhook:\w+|staff:\d+)\b/)
    assert.notMatch(text, /payment: pending|fulfillment: unfulfilled/)
  })

  test('the dashboard tells a placement once, and a payment once, by whom in words', async ({ assert }) => {
    const { order } = await pendingOrder()
    await OrderEvent.create({ orderId: order.id, type: 'placed', fromStatus: null, toStatus: 'pending', actor: 'guest', data: { number: order.number } })
    await startPayment(order, { actor: 'guest' })
    await recordPaymentSucceeded({ provider: 'manual', orderId: order.id, amount: order.total })
    const { agent } = await signedInStaff('owner')
    const dashboard = await agent.get('/admin', { 'hx-request': 'true', 'hx-target': 'dashboard-live' })
    // the activity list only: the recent emails widget may show the confirmation email's subject
    const activity = /data-activity[\s\S]*?<\/ol>/.exec(dashboard.text)![0]
    const placed = activity.split(`Order #${order.number} placed`).length - 1
    assert.equal(placed, 1, 'one line for one placement')
    assert.include(activity, 'by a guest shopper')
    assert.equal(activity.split(`Order #${order.number} paid`).length - 1, 1, 'one line for one payment')
    assert.notInclude(activity, `Order #${order.number} confirmed`, 'the order opening is the payment, not a second line')
  })

  test('the audit log says actions, subjects and who in words', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('owner')
    await recordAudit({ actor: { type: 'staff', id: staff.id }, action: 'customer.note_deleted', subjectType: 'customer', subjectId: '424242', changes: null })
    await recordAudit({ actor: { type: 'system' }, action: 'order.fulfill', subjectType: 'order', subjectId: '424242', changes: { status: ['open', 'completed'] } })
    const page = await agent.get('/admin/audit?subjectId=424242')
    assert.include(page.text, '>Customer note deleted</a>')
    assert.include(page.text, '>Order shipped</a>')
    assert.include(page.text, '>Customer #424242</a>')
    assert.include(page.text, '<del>Open</del> → <ins>Completed</ins>')
    const text = visibleText(page.text)
    assert.notInclude(text, 'customer.note_deleted')
    assert.notInclude(text, 'order.fulfill')
    assert.include(text, 'the store')
  })

  test('counts are real plurals on lists, the pick list and flash messages; a pick-list hint is not an error', async ({ assert }) => {
    const { order } = await paidOrder({ lines: [{ quantity: 3, unitPrice: 500 }] })
    const { agent } = await signedInStaff('owner')
    const one = await agent.get(`/admin/orders?q=${order.number}`)
    assert.match(one.text, /data-count>1 order</)
    const pickList = await agent.get(`/admin/orders/pick-list?order_ids[]=${order.id}`)
    assert.include(pickList.text, '3 units for 1 order:')
    assert.include(pickList.text, 'Pick list · 1 order ·')

    // nothing ticked: a hint, in the info style, not a red error
    const empty = await agent.get('/admin/orders/pick-list')
    assert.equal(empty.status, 303)
    const back = await agent.get('/admin/orders')
    assert.match(back.text, /<div class="alert alert--info"><p>Tick the orders \(up to 500\) whose pick list you want/)
    assert.notMatch(back.text, /alert--error"><p>Tick/)

    for (const page of ['/admin/orders', '/admin/products', '/admin/customers']) {
      assert.notInclude(visibleText((await agent.get(page)).text), '(s)', page)
    }
  })

  test('bulk fulfilment progress says what really happens in this runtime', async ({ assert }) => {
    const { staff, agent } = await signedInStaff('owner')
    const now = dbTimestamp(undefined, DateTime.now())
    const [row] = await db
      .table('bulk_operations')
      .insert({ kind: 'fulfill', status: 'queued', staff_user_id: staff.id, selection: JSON.stringify({ orderIds: [] }), total: 2, created_at: now, updated_at: now })
      .returning('id')
    const id = typeof row === 'object' ? row.id : row
    const fragment = await agent.get(`/admin/orders/bulk-fulfillments/${id}`, { 'hx-request': 'true' })
    if (runtime.jobsInProcess) {
      assert.include(fragment.text, 'Starting… 2 orders to fulfil.')
      assert.notInclude(fragment.text, 'Waiting for a worker')
    } else {
      assert.include(fragment.text, 'Waiting for a worker… 2 orders to fulfil.')
    }
    await db.from('bulk_operations').where('id', id).delete()
  })
})
