import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import Fulfillment from '#models/fulfillment'
import OutboxEvent from '#models/outbox_event'
import type Order from '#models/order'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder, pendingOrder } from '#tests/helpers/admin_orders'
import { settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const pageOf = (order: Order) => `/admin/orders/${order.id}`
const resendOf = (order: Order) => `/admin/orders/${order.id}/emails/resend`

async function messagesTo(order: Order, template: string) {
  return db.from('notification_messages').where('to_address', order.email).where('template', template).orderBy('id')
}

/** Outbox events of one kind about this order (payloads compared in JS: JSON operators differ per database). */
async function eventsOf(order: Order, name: string) {
  const events = await OutboxEvent.query().where('name', name).orderBy('id', 'desc').limit(200)
  return events.filter((event) => Number((event.payload as { orderId?: number }).orderId) === order.id)
}

async function deliveriesOf(events: OutboxEvent[], listener: string) {
  if (!events.length) return []
  return db.from('outbox_deliveries').whereIn('event_id', events.map((event) => event.id)).where('listener', listener)
}

async function resendAudits(order: Order) {
  return AuditLog.query().where('subject_type', 'order').where('subject_id', String(order.id)).where('action', 'order.email_resent').orderBy('id')
}

test.group('Admin | resend order emails', (group) => {
  group.each.setup(() => clearRateLimits())

  test('resending the confirmation queues one new message and never a second OrderPaid', async ({ assert }) => {
    const { order } = await paidOrder()
    await settleOutbox()
    const [original] = await messagesTo(order, 'order_confirmation')
    assert.exists(original, 'the payment sent the confirmation')
    const paidEvents = await eventsOf(order, 'OrderPaid')
    assert.lengthOf(paidEvents, 1)
    assert.lengthOf(await deliveriesOf(paidEvents, 'analytics.order-paid'), 1)

    const { agent, staff } = await signedInStaff('support')
    const page = await agent.get(pageOf(order))
    assert.include(page.text, `action="${resendOf(order)}"`)
    assert.include(page.text, 'Resend order confirmation')

    const resent = await agent.submit(pageOf(order), resendOf(order), { template: 'order_confirmation' })
    assert.equal(resent.status, 303)
    assert.equal(resent.location, `${pageOf(order)}#emails`)
    await settleOutbox()

    const messages = await messagesTo(order, 'order_confirmation')
    assert.lengthOf(messages, 2, 'exactly one new message')
    const [kept, fresh] = messages
    assert.deepEqual(kept, original, 'the original message is untouched')
    assert.equal(fresh.to_address, order.email)
    assert.equal(fresh.subject, `Order #${order.number} confirmed`)
    assert.match(fresh.idempotency_key, /^order-confirmation-resend:\d+$/)
    assert.notEqual(fresh.idempotency_key, original.idempotency_key)

    // analytics and webhooks hear OrderPaid once, however often the email goes out
    const paidAfter = await eventsOf(order, 'OrderPaid')
    assert.lengthOf(paidAfter, 1)
    assert.lengthOf(await deliveriesOf(paidAfter, 'analytics.order-paid'), 1)
    const [requested] = await eventsOf(order, 'OrderEmailResendRequested')
    assert.deepEqual(requested.payload, { orderId: order.id, template: 'order_confirmation', fulfillmentId: null, requestedBy: staff.id })

    const [audit] = await resendAudits(order)
    assert.equal(audit.actorId, staff.id)
    assert.deepEqual(audit.changes, { emailResent: [null, { template: 'order_confirmation', fulfillmentId: null }] })

    const after = await agent.get(pageOf(order))
    assert.include(after.text, 'Order confirmation queued to be sent again')
    assert.include(after.text, 'Email resent: order confirmation')

    // a second request is a second email, not a duplicate swallowed by the idempotency key
    await agent.submit(pageOf(order), resendOf(order), { template: 'order_confirmation' })
    await settleOutbox()
    assert.lengthOf(await messagesTo(order, 'order_confirmation'), 3)
    assert.lengthOf(await resendAudits(order), 2)
  })

  test('a shipped notice is resent per fulfillment, without a second OrderFulfilled', async ({ assert }) => {
    const { order, lines } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1500 }] })
    const other = await paidOrder()
    const { agent } = await signedInStaff('fulfillment')
    const shipped = await agent.submit(pageOf(order), `${pageOf(order)}/fulfillments`, {
      'lines[0][id]': String(lines[0].id),
      'lines[0][quantity]': '1',
      'tracking_number': 'TRACK-H8-1',
    })
    assert.equal(shipped.status, 303)
    await settleOutbox()
    const fulfillment = await Fulfillment.query().where('order_id', order.id).firstOrFail()
    const [original] = await messagesTo(order, 'order_shipped')
    assert.exists(original)

    const page = await agent.get(pageOf(order))
    assert.include(page.text, `name="fulfillment_id" value="${fulfillment.id}"`)

    // a shipment of another order is not this order's email
    await agent.submit(pageOf(other.order), `${pageOf(other.order)}/fulfillments`, {
      'lines[0][id]': String(other.lines[0].id),
      'lines[0][quantity]': '1',
    })
    const foreign = await Fulfillment.query().where('order_id', other.order.id).firstOrFail()
    const refused = await agent.submit(pageOf(order), resendOf(order), { template: 'order_shipped', fulfillment_id: String(foreign.id) })
    assert.equal(refused.status, 303)
    assert.include((await agent.get(pageOf(order))).text, 'Pick a shipment of this order')
    assert.lengthOf(await eventsOf(order, 'OrderEmailResendRequested'), 0)

    const resent = await agent.submit(pageOf(order), resendOf(order), { template: 'order_shipped', fulfillment_id: String(fulfillment.id) })
    assert.equal(resent.status, 303)
    await settleOutbox()

    const messages = await messagesTo(order, 'order_shipped')
    assert.lengthOf(messages, 2)
    assert.deepEqual(messages[0], original)
    assert.match(messages[1].idempotency_key, /^order-shipped-resend:\d+$/)
    assert.include(messages[1].text, 'TRACK-H8-1')
    assert.lengthOf(await eventsOf(order, 'OrderFulfilled'), 1)
    assert.lengthOf(await resendAudits(order), 1)
    assert.include((await agent.get(pageOf(order))).text, `Email resent: shipped notice for fulfillment #${fulfillment.id}`)
  })

  test('an analyst gets 403; an unpaid order has no confirmation to resend', async ({ assert }) => {
    const { order } = await paidOrder()
    await settleOutbox()
    const { agent } = await signedInStaff('analyst')
    const page = await agent.get(pageOf(order))
    assert.equal(page.status, 200)
    assert.notInclude(page.text, resendOf(order))
    const refused = await agent.submit(pageOf(order), resendOf(order), { template: 'order_confirmation' })
    assert.equal(refused.status, 403)
    await settleOutbox()
    assert.lengthOf(await messagesTo(order, 'order_confirmation'), 1)
    assert.lengthOf(await eventsOf(order, 'OrderEmailResendRequested'), 0)
    assert.lengthOf(await resendAudits(order), 0)

    const { order: unpaid } = await pendingOrder()
    const { agent: owner } = await signedInStaff('owner')
    assert.notInclude((await owner.get(pageOf(unpaid))).text, 'Resend order confirmation')
    const early = await owner.submit(pageOf(unpaid), resendOf(unpaid), { template: 'order_confirmation' })
    assert.equal(early.status, 303)
    assert.include((await owner.get(pageOf(unpaid))).text, 'The order confirmation goes out once the order is paid.')
    assert.lengthOf(await eventsOf(unpaid, 'OrderEmailResendRequested'), 0)
    assert.lengthOf(await resendAudits(unpaid), 0)

    const invalid = await owner.submit(pageOf(unpaid), resendOf(unpaid), { template: 'order_refunded' })
    assert.equal(invalid.status, 303)
    assert.lengthOf(await resendAudits(unpaid), 0)
  })
})
