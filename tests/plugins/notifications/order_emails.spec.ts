import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { recordEvent } from '#plugin_host/outbox'
import Fulfillment from '#models/fulfillment'
import FulfillmentLine from '#models/fulfillment_line'
import Refund from '#models/refund'
import OutboxDelivery from '#models/outbox_delivery'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'
import { emailUrl } from '#plugins/notifications/emails/render'
import { sendOrderConfirmationEmail } from '#plugins/notifications/listeners/order_emails_listener'
import { settleOutbox } from '#tests/helpers/outbox'
import { loadOrderSummary } from '#queries/order_summary_query'
import { createOrderForEmail } from './order_fixture.js'

/** The one email an event produced, by its idempotency key. */
async function emailFor(key: string) {
  const messages = await NotificationMessage.query().where('idempotency_key', key)
  if (messages.length !== 1) throw new Error(`expected one email "${key}", found ${messages.length}`)
  return messages[0]
}

/*
| Each order event, recorded the way the order actions record it, goes
| through the outbox, the delivery job and this plugin's listener to the
| outbox Notifier (the test suite's default driver).
*/
test.group('Notifications | order emails', (group) => {
  group.each.setup(() => settleOutbox())

  test('OrderPaid sends the confirmation: lines, totals, addresses and an absolute order link', async ({ assert }) => {
    const { order } = await createOrderForEmail()
    const event = await recordEvent('OrderPaid', { orderId: order.id, amount: order.total, currency: order.currency })
    await settleOutbox()

    const email = await emailFor(`order-confirmation:${event.id}`)
    const orderUrl = emailUrl(`/orders/${order.publicToken}`)
    assert.match(orderUrl, /^https?:\/\/[^/]+\/orders\/[0-9a-f]{32}$/)
    assert.equal(email.toAddress, order.email)
    assert.equal(email.subject, `Order #${order.number} confirmed`)
    assert.equal(email.template, 'order_confirmation')

    assert.include(email.html, 'Stockroom Tee')
    assert.include(email.html, '(Black / M)')
    assert.include(email.html, 'SKU TEE-BLK-M')
    assert.notInclude(email.html, '(Default)', 'the default variant title is not shown')
    assert.include(email.html, '€39.98')
    assert.include(email.html, '€59.97', 'subtotal')
    assert.include(email.html, '−€6.00', 'discount')
    assert.include(email.html, '€4.95', 'shipping')
    assert.include(email.html, '€10.80', 'tax')
    assert.include(email.html, '€58.92', 'total')
    assert.include(email.html, '12 &lt;Analytical&gt; Street', 'address text is escaped in HTML')
    assert.include(email.html, '1 Billing Road')
    assert.include(email.html, `href="${orderUrl}"`)

    assert.include(email.text!, `We received your payment for order #${order.number}.`)
    assert.include(email.text!, '- 2 × Stockroom Tee (Black / M) [TEE-BLK-M]: €39.98')
    assert.include(email.text!, 'Total: €58.92')
    assert.include(email.text!, '12 <Analytical> Street', 'the text part is not HTML-escaped')
    assert.include(email.text!, `View your order: ${orderUrl}`)
    assert.notInclude(email.text!, '<td')

    const delivery = await OutboxDelivery.query().where('event_id', event.id).where('listener', 'notifications.order-confirmation').firstOrFail()
    assert.equal(delivery.status, 'delivered')
  })

  test('a redelivered event never sends a second email', async ({ assert }) => {
    const { order } = await createOrderForEmail()
    const event = await recordEvent('OrderPaid', { orderId: order.id, amount: order.total, currency: order.currency })
    await settleOutbox()
    const first = await emailFor(`order-confirmation:${event.id}`)

    // the listener runs again for the same event, as after a crash before the delivery was marked done
    const again = await sendOrderConfirmationEmail(new OutboxNotifier(), { orderId: order.id, amount: 1, currency: 'EUR' }, { eventId: event.id, attempt: 2 })
    assert.equal(again!.id, String(first.id))
    await settleOutbox()
    assert.lengthOf(await NotificationMessage.query().where('to_address', order.email), 1)
  })

  test('PaymentFailed sends a retry link to the payment page', async ({ assert }) => {
    const { order } = await createOrderForEmail({ status: 'pending', paymentStatus: 'failed' })
    const event = await recordEvent('PaymentFailed', { orderId: order.id, reason: 'Your card was declined.' })
    await settleOutbox()

    const email = await emailFor(`payment-failed:${event.id}`)
    const payUrl = emailUrl(`/orders/${order.publicToken}/pay`)
    assert.equal(email.toAddress, order.email)
    assert.equal(email.subject, `Payment for order #${order.number} didn't go through`)
    assert.include(email.html, `href="${payUrl}"`)
    assert.include(email.html, 'Your card was declined.')
    assert.include(email.html, '€58.92')
    assert.include(email.text!, `Try paying again: ${payUrl}`)
  })

  test('PaymentFailed leaves out a reason that is not fit for shoppers', async ({ assert }) => {
    const { order } = await createOrderForEmail({ status: 'pending', paymentStatus: 'failed' })
    const event = await recordEvent('PaymentFailed', { orderId: order.id, reason: '<script>pi_123: {"code":"x"}</script>' })
    await settleOutbox()
    const email = await emailFor(`payment-failed:${event.id}`)
    assert.notInclude(email.html, 'pi_123')
    assert.include(email.text!, `The payment for order #${order.number} (€58.92) was not completed.`)
  })

  test('OrderFulfilled sends carrier, tracking number and tracking link', async ({ assert }) => {
    const { order, lines } = await createOrderForEmail({ fulfillmentStatus: 'fulfilled' })
    const fulfillment = await Fulfillment.create({
      orderId: order.id,
      status: 'shipped',
      carrier: 'DHL Express',
      trackingNumber: 'JD014600003SE',
      trackingUrl: 'https://track.example/JD014600003SE',
      shippedAt: DateTime.utc(2026, 11, 20, 10),
    })
    await FulfillmentLine.create({ fulfillmentId: fulfillment.id, orderLineId: lines[0].id, quantity: 2 })
    const event = await recordEvent('OrderFulfilled', { orderId: order.id, fulfillmentId: fulfillment.id })
    await settleOutbox()

    const email = await emailFor(`order-shipped:${event.id}`)
    assert.equal(email.subject, `Order #${order.number} is on its way`)
    assert.include(email.html, 'DHL Express')
    assert.include(email.html, 'JD014600003SE')
    assert.include(email.html, 'href="https://track.example/JD014600003SE"')
    assert.include(email.html, '20 Nov 2026')
    assert.include(email.html, '2 × Stockroom Tee (Black / M)')
    assert.notInclude(email.html, 'Enamel Mug', 'only what this shipment holds')
    assert.include(email.text!, 'Tracking number: JD014600003SE')
    assert.include(email.text!, 'Track your package: https://track.example/JD014600003SE')
  })

  test('a tracking link that is not http(s) is left out', async ({ assert }) => {
    const { order } = await createOrderForEmail()
    const fulfillment = await Fulfillment.create({ orderId: order.id, status: 'shipped', carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'javascript:alert(1)' })
    const event = await recordEvent('OrderFulfilled', { orderId: order.id, fulfillmentId: fulfillment.id })
    await settleOutbox()
    const email = await emailFor(`order-shipped:${event.id}`)
    assert.include(email.html, '1Z999')
    assert.notInclude(email.html, 'javascript:')
  })

  test('OrderRefunded tells a partial refund from a full one', async ({ assert }) => {
    const { order } = await createOrderForEmail({ paymentStatus: 'partially_refunded' })
    await Refund.create({ orderId: order.id, amount: 1999, reason: 'Damaged mug', status: 'succeeded' })
    const partial = await recordEvent('OrderRefunded', { orderId: order.id, amount: 1999, currency: 'EUR' })
    await settleOutbox()
    const first = await emailFor(`order-refunded:${partial.id}`)
    assert.include(first.html, 'You received a partial refund')
    assert.include(first.html, '€19.99')
    assert.include(first.html, 'Damaged mug')
    assert.include(first.text!, 'Refunded so far: €19.99')

    order.paymentStatus = 'refunded'
    await order.save()
    await Refund.create({ orderId: order.id, amount: 3893, reason: null, status: 'succeeded' })
    const full = await recordEvent('OrderRefunded', { orderId: order.id, amount: 3893, currency: 'EUR' })
    await settleOutbox()
    const second = await emailFor(`order-refunded:${full.id}`)
    assert.equal(second.subject, `Refund for order #${order.number}`)
    assert.include(second.text!, 'Your order was refunded')
    assert.include(second.text!, 'Refunded so far: €58.92')
  })

  test('OrderRefunded counts only refunds that went through, as the order page does', async ({ assert }) => {
    const { order } = await createOrderForEmail({ paymentStatus: 'partially_refunded' })
    await Refund.create({ orderId: order.id, amount: 1000, reason: 'Late', status: 'succeeded' })
    // a second refund still waiting for the provider: not money back yet
    await Refund.create({ orderId: order.id, amount: 2000, reason: 'Pending', status: 'pending' })
    const event = await recordEvent('OrderRefunded', { orderId: order.id, amount: 1000, currency: 'EUR' })
    await settleOutbox()
    const email = await emailFor(`order-refunded:${event.id}`)
    const summary = (await loadOrderSummary(order.id))!
    assert.equal(summary.refunded.text, '€10.00')
    assert.include(email.text!, `Refunded so far: ${summary.refunded.text}`)
    assert.include(email.text!, 'Late')
    assert.notInclude(email.text!, 'Pending')
  })

  test('OrderCancelled explains an expired unpaid order', async ({ assert }) => {
    const { order } = await createOrderForEmail({ status: 'cancelled', paymentStatus: 'pending' })
    const event = await recordEvent('OrderCancelled', { orderId: order.id, reason: 'expired' })
    await settleOutbox()
    const email = await emailFor(`order-cancelled:${event.id}`)
    assert.equal(email.subject, `Order #${order.number} was cancelled`)
    assert.include(email.text!, 'we did not receive payment in time')
    assert.include(email.text!, 'You were not charged.')
    assert.include(email.html, 'Stockroom Tee')
  })

  test('an event for an order that no longer exists sends nothing and does not retry', async ({ assert }) => {
    const { order } = await createOrderForEmail()
    await order.delete()
    const event = await recordEvent('OrderPaid', { orderId: order.id, amount: 1, currency: 'EUR' })
    await settleOutbox()
    const delivery = await OutboxDelivery.query().where('event_id', event.id).firstOrFail()
    assert.equal(delivery.status, 'delivered')
    assert.lengthOf(await NotificationMessage.query().where('idempotency_key', `order-confirmation:${event.id}`), 0)
  })
})
