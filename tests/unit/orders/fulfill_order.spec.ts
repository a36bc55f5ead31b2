import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import AuditLog from '#models/audit_log'
import OutboxEvent from '#models/outbox_event'
import app from '@adonisjs/core/services/app'
import FulfillOrder from '#actions/orders/fulfill_order'
import { OverFulfillmentError, OrderNotFulfillableError } from '#models/order_errors'
import MarkOrderDelivered from '#actions/orders/mark_order_delivered'
import type { Actor } from '#services/actor'
import { paidOrder, pendingOrder, lineCounters } from '#tests/helpers/admin_orders'
import { settleOutbox } from '#tests/helpers/outbox'
import NotificationMessage from '#plugins/notifications/models/notification_message'

const fulfillOrder: FulfillOrder['handle'] = async (...args) => (await app.container.make(FulfillOrder)).handle(...args)

const staff: Actor = { type: 'staff', id: 7, ip: '127.0.0.1' }

test.group('Orders | fulfill order', () => {
  test('partial fulfilments add up per line; the last one fulfils and completes the paid order', async ({ assert }) => {
    const { order, lines } = await paidOrder({ lines: [{ quantity: 3, unitPrice: 1000 }, { quantity: 1, unitPrice: 500 }] })
    assert.equal(order.status, 'open')

    const first = await fulfillOrder(
      order.id,
      { lines: [{ orderLineId: lines[0].id, quantity: 2 }], carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.test/1Z999' },
      staff
    )
    assert.equal(first.order.fulfillmentStatus, 'partially_fulfilled')
    assert.equal(first.order.status, 'open')
    assert.deepEqual(await lineCounters(lines[0].id), { fulfilled: 2, restocked: 0 })
    assert.equal(first.fulfillment.trackingNumber, '1Z999')
    assert.isNotNull(first.fulfillment.shippedAt)

    const second = await fulfillOrder(
      order.id,
      { lines: [{ orderLineId: lines[0].id, quantity: 1 }, { orderLineId: lines[1].id, quantity: 1 }] },
      staff
    )
    assert.equal(second.order.fulfillmentStatus, 'fulfilled')
    assert.equal(second.order.status, 'completed')
    const fresh = await Order.findOrFail(order.id)
    assert.equal(fresh.fulfillmentStatus, 'fulfilled')
    assert.equal(fresh.status, 'completed')

    const shipped = await db
      .from('fulfillment_lines')
      .join('fulfillments', 'fulfillments.id', 'fulfillment_lines.fulfillment_id')
      .where('fulfillments.order_id', order.id)
      .select('fulfillment_lines.order_line_id')
      .sum('fulfillment_lines.quantity as quantity')
      .groupBy('fulfillment_lines.order_line_id')
      .orderBy('fulfillment_lines.order_line_id')
    assert.deepEqual(shipped.map((row) => Number(row.quantity)), [3, 1])

    const events = await db.from('order_events').where('order_id', order.id).where('type', 'fulfillment_created').orderBy('id')
    assert.deepEqual(events.map((event) => event.to_status), ['partially_fulfilled', 'fulfilled'])
    assert.equal(await db.from('order_events').where('order_id', order.id).where('type', 'order_completed').count('* as n').first().then((r) => Number(r.n)), 1)
    // each shipment raises OrderFulfilled (the shipped email listens to it)
    const raised = (await OutboxEvent.query().where('name', 'OrderFulfilled')).filter((row) => (row.payload as any).orderId === order.id)
    assert.lengthOf(raised, 2)

    const audits = await AuditLog.query().where('subject_type', 'order').where('subject_id', String(order.id)).where('action', 'order.fulfill').orderBy('id')
    assert.lengthOf(audits, 2)
    assert.deepEqual((audits[1].changes as any).fulfillmentStatus, ['partially_fulfilled', 'fulfilled'])
    assert.deepEqual((audits[1].changes as any).status, ['open', 'completed'])
  })

  test('shipping more than is left is refused and writes nothing', async ({ assert }) => {
    const { order, lines } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }, { quantity: 2, unitPrice: 1000 }] })
    await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: 1 }] }, staff)
    const error = await fulfillOrder(
      order.id,
      { lines: [{ orderLineId: lines[1].id, quantity: 1 }, { orderLineId: lines[0].id, quantity: 2 }] },
      staff
    ).catch((caught) => caught)
    assert.instanceOf(error, OverFulfillmentError)
    assert.equal(error.remaining, 1)
    // all or nothing: the valid line of the refused request was rolled back too
    assert.deepEqual(await lineCounters(lines[1].id), { fulfilled: 0, restocked: 0 })
    assert.lengthOf(await db.from('fulfillments').where('order_id', order.id), 1)
    assert.equal((await Order.findOrFail(order.id)).fulfillmentStatus, 'partially_fulfilled')
  })

  test('two staff members fulfilling the same line at once never exceed the ordered quantity', async ({ assert }) => {
    const { order, lines } = await paidOrder({ lines: [{ quantity: 3, unitPrice: 1000 }] })
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: 2 }] }, staff))
    )
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1)
    for (const result of results) {
      if (result.status === 'rejected') {
        assert.isTrue(result.reason instanceof OverFulfillmentError || result.reason instanceof OrderNotFulfillableError, String(result.reason))
      }
    }
    assert.deepEqual(await lineCounters(lines[0].id), { fulfilled: 2, restocked: 0 })
    const [{ total }] = await db
      .from('fulfillment_lines')
      .where('order_line_id', lines[0].id)
      .sum('quantity as total')
    assert.equal(Number(total), 2)
    const rest = await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: 1 }] }, staff)
    assert.equal(rest.order.fulfillmentStatus, 'fulfilled')
  })

  test('an unpaid order cannot ship; a fulfilled one can be marked delivered', async ({ assert }) => {
    const pending = await pendingOrder()
    await assert.rejects(
      () => fulfillOrder(pending.order.id, { lines: [{ orderLineId: pending.lines[0].id, quantity: 1 }] }, staff),
      OrderNotFulfillableError
    )
    assert.deepEqual(await lineCounters(pending.lines[0].id), { fulfilled: 0, restocked: 0 })

    const { order, lines } = await paidOrder({ lines: [{ quantity: 1, unitPrice: 1000 }] })
    await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: 1 }] }, staff)
    const delivered = await (await app.container.make(MarkOrderDelivered)).handle(order.id, staff)
    assert.equal(delivered.fulfillmentStatus, 'delivered')
    const fulfillment = await db.from('fulfillments').where('order_id', order.id).first()
    assert.equal(fulfillment.status, 'delivered')
    assert.isNotNull(fulfillment.delivered_at)
  })

  test('each shipment sends the shipped email with its carrier, tracking and items', async ({ assert }) => {
    const { order, lines } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }] })
    const { fulfillment } = await fulfillOrder(
      order.id,
      { lines: [{ orderLineId: lines[0].id, quantity: 1 }], carrier: 'PostNL', trackingNumber: 'PN-777', trackingUrl: 'https://track.example/PN-777' },
      staff
    )
    await settleOutbox()
    const event = (await OutboxEvent.query().where('name', 'OrderFulfilled')).find(
      (row) => (row.payload as any).fulfillmentId === fulfillment.id
    )
    assert.exists(event)
    const email = await NotificationMessage.query().where('idempotency_key', `order-shipped:${event!.id}`).firstOrFail()
    assert.equal(email.toAddress, order.email)
    assert.include(email.html, 'PostNL')
    assert.include(email.html, 'href="https://track.example/PN-777"')
    assert.include(email.html, `1 × ${lines[0].title}`)
  })
})
