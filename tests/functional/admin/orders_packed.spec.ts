import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import OrderEvent from '#models/order_event'
import OutboxEvent from '#models/outbox_event'
import AuditLog from '#models/audit_log'
import CancelOrder from '#actions/orders/cancel_order'
import app from '@adonisjs/core/services/app'
import FulfillOrder from '#actions/orders/fulfill_order'
import MarkOrderPacked from '#actions/orders/mark_order_packed'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder, pendingOrder } from '#tests/helpers/admin_orders'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { HttpAgent } from '#tests/helpers/http_agent'
import { settleOutbox } from '#tests/helpers/outbox'
import { openLiveStream, pageCsrfToken, pageLiveChannel } from '#tests/helpers/live_stream'
import { DASHBOARD_CHANNEL } from '#services/live_updates'

const fulfillOrder: FulfillOrder['handle'] = async (...args) => (await app.container.make(FulfillOrder)).handle(...args)

const pageOf = (order: Order) => `/admin/orders/${order.id}`
const packedPath = (order: Order) => `${pageOf(order)}/packed`
const system = { type: 'staff' as const, id: null }

async function packedRows(orderId: number) {
  return OrderEvent.query().where('order_id', orderId).where('type', 'order_packed')
}

async function packAudits(orderId: number) {
  return AuditLog.query().where('subject_type', 'order').where('subject_id', String(orderId)).where('action', 'order.pack')
}

async function packedOutboxEvents(orderId: number) {
  const events = await OutboxEvent.query().where('name', 'OrderPacked').orderBy('id', 'desc').limit(200)
  return events.filter((event) => event.payload.orderId === orderId)
}

test.group('Admin | order packed: permissions', (group) => {
  group.each.setup(() => clearRateLimits())

  for (const role of ['support', 'analyst'] as const) {
    test(`${role} sees no packed button and is refused with 403`, async ({ assert }) => {
      const { order } = await paidOrder()
      const { agent } = await signedInStaff(role)
      const page = await agent.get(pageOf(order))
      assert.equal(page.status, 200)
      assert.notInclude(page.text, `action="${packedPath(order)}"`)

      const response = await agent.submit(pageOf(order), packedPath(order), {})
      assert.equal(response.status, 403)
      assert.lengthOf(await packedRows(order.id), 0)
      assert.lengthOf(await packAudits(order.id), 0)
      assert.lengthOf(await packedOutboxEvents(order.id), 0)
    })
  }
})

test.group('Admin | order packed: marking', (group) => {
  group.each.setup(() => clearRateLimits())

  test('fulfillment staff mark a paid order packed once: timeline, event, audit; the repeat records nothing', async ({ assert }) => {
    const { order } = await paidOrder()
    const { agent, staff } = await signedInStaff('fulfillment')
    const before = await agent.get(pageOf(order))
    assert.include(before.text, `action="${packedPath(order)}"`)

    const first = await agent.submit(pageOf(order), packedPath(order), {})
    assert.equal(first.status, 303)
    assert.equal(first.location, pageOf(order))
    const after = await agent.get(pageOf(order))
    assert.include(after.text, 'Order marked as packed')
    assert.include(after.text, 'data-packed')
    assert.include(after.text, 'Packed, ready to ship')
    assert.notInclude(after.text, `action="${packedPath(order)}"`, 'the button goes once packed')

    const second = await agent.submit(pageOf(order), packedPath(order), {})
    assert.equal(second.status, 303)
    assert.include((await agent.get(pageOf(order))).text, 'already marked as packed')

    const rows = await packedRows(order.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].actor, `staff:${staff.id}`)
    const audits = await packAudits(order.id)
    assert.lengthOf(audits, 1)
    assert.equal(audits[0].actorId, staff.id)
    const [from, to] = (audits[0].changes as { packedAt: [unknown, string] }).packedAt
    assert.isNull(from)
    assert.equal(new Date(to).getTime(), rows[0].createdAt.toMillis())
    assert.lengthOf(await packedOutboxEvents(order.id), 1)

    const fresh = await Order.findOrFail(order.id)
    assert.deepEqual([fresh.status, fresh.paymentStatus, fresh.fulfillmentStatus], ['open', 'paid', 'unfulfilled'])
  })

  test('unpaid, cancelled and fully shipped orders are refused with a clear flash and nothing recorded', async ({ assert }) => {
    const { agent } = await signedInStaff('fulfillment')

    const unpaid = (await pendingOrder()).order
    const cancelled = (await pendingOrder()).order
    await (await app.container.make(CancelOrder)).handle(cancelled, { reason: 'customer request', actor: 'test' })
    const shipped = await paidOrder()
    await fulfillOrder(
      shipped.order.id,
      { lines: shipped.lines.map((line) => ({ orderLineId: line.id, quantity: line.quantity })) },
      system
    )

    const cases: Array<[Order, string]> = [
      [unpaid, 'is not paid (payment pending)'],
      [cancelled, 'is cancelled: there is nothing to pack'],
      [shipped.order, 'is already shipped: there is nothing left to pack'],
    ]
    for (const [order, message] of cases) {
      const page = await agent.get(pageOf(order))
      assert.notInclude(page.text, `action="${packedPath(order)}"`, message)
      const response = await agent.submit(pageOf(order), packedPath(order), {})
      assert.equal(response.status, 303, message)
      assert.include((await agent.get(pageOf(order))).text, message)
      assert.lengthOf(await packedRows(order.id), 0, message)
      assert.lengthOf(await packAudits(order.id), 0, message)
    }
  })

  test('a packed order still ships, in part and in full; the database holds one packed row per order', async ({ assert }) => {
    const { order, lines } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }] })
    assert.isTrue((await (await app.container.make(MarkOrderPacked)).handle(order.id, system)).packed)

    await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: 1 }] }, system)
    assert.equal((await Order.findOrFail(order.id)).fulfillmentStatus, 'partially_fulfilled')
    // a partly shipped, already packed order: still one packed row
    assert.isFalse((await (await app.container.make(MarkOrderPacked)).handle(order.id, system)).packed)
    await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: 1 }] }, system)
    assert.equal((await Order.findOrFail(order.id)).fulfillmentStatus, 'fulfilled')

    const duplicate = db.table('order_events').insert({
      order_id: order.id,
      type: 'order_packed',
      data: '{}',
      created_at: new Date(),
    })
    await assert.rejects(() => duplicate)
    assert.lengthOf(await packedRows(order.id), 1)
  })
})

test.group('Order tracking | packed', (group) => {
  group.each.setup(() => clearRateLimits())

  test('the customer page shows the packed step and entry; packing nudges its live stream and the dashboard', async ({ assert, cleanup }) => {
    const { order } = await paidOrder()
    const shopper = new HttpAgent()
    const before = await shopper.get(`/orders/${order.publicToken}`)
    assert.match(before.text, /Packed<span class="visually-hidden">: not yet<\/span>/)
    assert.notInclude(before.text, 'data-event="order_packed"')

    const channel = pageLiveChannel(before.text)
    const stream = await openLiveStream(shopper)
    cleanup(() => stream.close())
    assert.equal((await stream.subscribe(channel, pageCsrfToken(before.text))).status, 204)
    const { agent: staff } = await signedInStaff('fulfillment')
    const dashboard = await staff.get('/admin')
    const staffStream = await openLiveStream(staff)
    cleanup(() => staffStream.close())
    assert.equal((await staffStream.subscribe(DASHBOARD_CHANNEL, pageCsrfToken(dashboard.text))).status, 204)
    await settleOutbox()
    stream.messages.length = 0
    staffStream.messages.length = 0

    await (await app.container.make(MarkOrderPacked)).handle(order.id, system)
    await settleOutbox()
    assert.deepEqual((await stream.next(channel)).payload, { type: 'order.changed' })
    assert.deepEqual((await staffStream.next(DASHBOARD_CHANNEL)).payload, { type: 'dashboard.changed' })

    const fragment = await shopper.get(`/orders/${order.publicToken}`, { 'hx-request': 'true', 'hx-target': 'order-status-live' })
    assert.match(fragment.text, /aria-current="step">\s*Packed<span class="visually-hidden">: where your order is now<\/span>/)
    assert.match(fragment.text, /<li data-event="order_packed"><time datetime="[^"]+">[^<]+ UTC<\/time> Packed<\/li>/)
    assert.match(fragment.text, /Shipped<span class="visually-hidden">: not yet<\/span>/)
  })
})
