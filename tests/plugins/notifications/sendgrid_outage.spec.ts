import { test } from '@japa/runner'
import type { Notifier } from '#plugin_host/extension_points/notifications'
import { recordEvent } from '#plugin_host/outbox'
import OutboxDelivery from '#models/outbox_delivery'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { SendGridNotifier } from '#plugins/notifications/drivers/sendgrid_driver'
import { sendOrderConfirmationEmail } from '#plugins/notifications/listeners/order_emails_listener'
import { SendGridStandIn } from '#tests/helpers/sendgrid_stand_in'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { createOrderForEmail } from './order_fixture.js'

const LISTENER = 'test.sendgrid-outage-confirmation'

/*
| The plugin's order-confirmation sender on the real outbox and job queue,
| with the sendgrid driver against the stand-in. The listener is the
| plugin's own function registered with a short backoff, so an outage of
| a few failed attempts fits in a test.
*/
test.group('Notifications | SendGrid outage', (group) => {
  let standIn: SendGridStandIn
  group.each.setup(async () => {
    await settleOutbox()
    standIn = await SendGridStandIn.start()
    const sendgrid = new SendGridNotifier({ apiKey: 'SG.outage-test', from: 'Shop <shop@stockroom.test>', baseUrl: standIn.url })
    // the plugin's own listener (outbox driver) handles the same events with the plain keys
    const notifier: Notifier = { name: 'sendgrid', send: (message) => sendgrid.send({ ...message, idempotencyKey: `outage-${message.idempotencyKey}` }) }
    const { host } = await outboxServices()
    host.listen({
      id: LISTENER,
      event: 'OrderPaid',
      attempts: 6,
      backoffMs: 20,
      handle: async (payload, meta) => {
        await sendOrderConfirmationEmail(notifier, payload, meta)
      },
    })
    return async () => {
      await settleOutbox()
      host.unlisten(LISTENER)
      await standIn.close()
    }
  })

  test('503s delay the email; it is sent once when SendGrid is back', async ({ assert }) => {
    const { order } = await createOrderForEmail()
    standIn.failNext(3, 503)
    const event = await recordEvent('OrderPaid', { orderId: order.id, amount: order.total, currency: order.currency })
    await settleOutbox()

    assert.lengthOf(standIn.requests, 4, 'three refused attempts, then the one that went through')
    assert.lengthOf(standIn.acceptedTo(order.email), 1)
    const delivery = await OutboxDelivery.query().where('event_id', event.id).where('listener', LISTENER).firstOrFail()
    assert.equal(delivery.status, 'delivered')
    assert.equal(delivery.attempts, 4)

    const message = await NotificationMessage.findByOrFail('idempotencyKey', `outage-order-confirmation:${event.id}`)
    assert.equal(message.status, 'sent')
    assert.equal(message.attempts, 4)
    assert.include(standIn.accepted[0].body.subject, `Order #${order.number} confirmed`)

    // the event delivered again (an admin retry, a replayed relay) mails nobody
    const { host } = await outboxServices()
    await host.listener(LISTENER)!.handle({ orderId: order.id, amount: order.total, currency: order.currency }, { eventId: event.id, attempt: 1 })
    assert.lengthOf(standIn.requests, 4)
  })

  test('429 rate limiting is retried the same way', async ({ assert }) => {
    const { order } = await createOrderForEmail()
    standIn.failNext(2, 429)
    await recordEvent('OrderPaid', { orderId: order.id, amount: order.total, currency: order.currency })
    await settleOutbox()
    assert.lengthOf(standIn.acceptedTo(order.email), 1)
    assert.lengthOf(standIn.requests, 3)
  })

  test('an outage longer than every attempt leaves the delivery failed, visible, and nothing is lost', async ({ assert }) => {
    const { order } = await createOrderForEmail()
    standIn.failNext(6, 503)
    const event = await recordEvent('OrderPaid', { orderId: order.id, amount: order.total, currency: order.currency })
    await settleOutbox()

    const delivery = await OutboxDelivery.query().where('event_id', event.id).where('listener', LISTENER).firstOrFail()
    assert.equal(delivery.status, 'failed')
    assert.include(delivery.lastError!, 'SendGrid answered 503')
    assert.lengthOf(standIn.accepted, 0)
    const message = await NotificationMessage.findByOrFail('idempotencyKey', `outage-order-confirmation:${event.id}`)
    assert.equal(message.status, 'failed')

    // staff retry it once SendGrid is back (Admin › Event deliveries)
    const { relay } = await outboxServices()
    await OutboxDelivery.query().where('id', delivery.id).update({ status: 'failed' })
    await delivery.refresh()
    await relay.retry(delivery)
    await settleOutbox()
    assert.lengthOf(standIn.acceptedTo(order.email), 1)
    await message.refresh()
    assert.equal(message.status, 'sent')
  })
})
