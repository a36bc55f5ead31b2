import { test } from '@japa/runner'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { SendGridNotifier, SendGridSendError } from '#plugins/notifications/drivers/sendgrid_driver'
import { MessageBusyError } from '#plugins/notifications/drivers/message_claim'
import { SendGridStandIn } from '#tests/helpers/sendgrid_stand_in'
import { ERASED_RECIPIENT, eraseCustomerMessages } from '#plugins/notifications/listeners/customer_erased_listener'

const API_KEY = 'SG.stand-in-key.secret'
const FROM = 'Stockroom Shop <shop@stockroom.test>'

/*
| The SDK talks to a local stand-in of SendGrid's Mail Send API; nothing
| leaves the machine. No global transaction: the claim relies on real
| unique violations and conditional updates.
*/
test.group('Notifications | sendgrid driver', (group) => {
  let standIn: SendGridStandIn
  group.each.setup(async () => {
    standIn = await SendGridStandIn.start()
    await NotificationMessage.query().where('driver', 'sendgrid').delete()
    return () => standIn.close()
  })

  const notifier = (options: { timeoutMs?: number } = {}) =>
    new SendGridNotifier({ apiKey: API_KEY, from: FROM, baseUrl: standIn.url, ...options })

  test('an erased customer is never mailed: no call for a .invalid address, none for an erased failed message', async ({ assert }) => {
    const dropped = await notifier().send({ to: 'erased-0a1b@anonymized.invalid', subject: 'Order shipped', html: '<p>Ada, 12 Row</p>', customerId: 7 })
    assert.deepEqual(dropped, { id: 'undeliverable' })
    assert.lengthOf(await NotificationMessage.query().where('to_address', 'like', '%.invalid'), 0)

    standIn.failNext(1, 503)
    await assert.rejects(() => notifier().send({ to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', idempotencyKey: 'sg-test:erased', customerId: 7 }))
    const failed = await NotificationMessage.findByOrFail('idempotencyKey', 'sg-test:erased')
    assert.equal(failed.customerId, 7)
    await eraseCustomerMessages({ customerId: 7 })
    // the job's retry renders the message again, to the old address: still not sent
    const retried = await notifier().send({ to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', idempotencyKey: 'sg-test:erased', customerId: 7 })
    assert.equal(retried.id, String(failed.id))
    assert.lengthOf(standIn.requests, 1, 'only the first, failed call reached SendGrid')
    await failed.refresh()
    assert.equal(failed.status, 'failed')
    assert.equal(failed.toAddress, ERASED_RECIPIENT)
  })

  test('sends to, from, subject, text and html parts with the API key', async ({ assert }) => {
    const { id } = await notifier().send({
      to: 'ada@example.com',
      subject: 'Order #1001 confirmed',
      html: '<p>Thanks, Ada</p>',
      text: 'Thanks, Ada\n',
      template: 'order_confirmation',
      idempotencyKey: 'sg-test:basic',
    })

    assert.lengthOf(standIn.requests, 1)
    const [request] = standIn.requests
    assert.equal(request.method, 'POST')
    assert.equal(request.path, '/v3/mail/send')
    assert.equal(request.headers.authorization, `Bearer ${API_KEY}`)
    assert.include(String(request.headers['content-type']), 'application/json')
    assert.deepEqual(request.body.personalizations[0].to, [{ email: 'ada@example.com' }])
    assert.deepEqual(request.body.from, { email: 'shop@stockroom.test', name: 'Stockroom Shop' })
    assert.equal(request.body.subject, 'Order #1001 confirmed')
    assert.deepEqual(request.body.content, [
      { type: 'text/plain', value: 'Thanks, Ada\n' },
      { type: 'text/html', value: '<p>Thanks, Ada</p>' },
    ])
    assert.equal(request.body.custom_args.stockroom_message_id, id)

    const stored = await NotificationMessage.findOrFail(id)
    assert.equal(stored.driver, 'sendgrid')
    assert.equal(stored.status, 'sent')
    assert.equal(stored.providerMessageId, 'stand-in-1')
    assert.equal(stored.toAddress, 'ada@example.com')
    assert.equal(stored.template, 'order_confirmation')
    assert.equal(stored.attempts, 1)
    assert.isNull(stored.lockedUntilMs)
    assert.isTrue(stored.sentAt!.isValid)
  })

  test('a repeated idempotency key is sent once', async ({ assert }) => {
    const message = { to: 'ada@example.com', subject: 'Once', html: '<p>1</p>', idempotencyKey: 'sg-test:once' }
    const first = await notifier().send(message)
    const again = await notifier().send({ ...message, subject: 'Twice?' })
    const third = await notifier().send(message)

    assert.equal(again.id, first.id)
    assert.equal(third.id, first.id)
    assert.lengthOf(standIn.requests, 1)
    assert.lengthOf(await NotificationMessage.query().where('idempotency_key', 'sg-test:once'), 1)
  })

  test('concurrent sends of one key call SendGrid once', async ({ assert }) => {
    const message = { to: 'ada@example.com', subject: 'Race', html: '<p>r</p>', idempotencyKey: 'sg-test:race' }
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => notifier().send(message)))

    assert.lengthOf(standIn.accepted, 1)
    // the others either saw it sent or were told another worker is sending it (their job retries)
    for (const result of results) {
      if (result.status === 'rejected') assert.instanceOf(result.reason, MessageBusyError)
    }
    const sent = await NotificationMessage.query().where('idempotency_key', 'sg-test:race')
    assert.lengthOf(sent, 1)
    assert.equal(sent[0].status, 'sent')
  })

  for (const status of [503, 429, 500]) {
    test(`a ${status} fails the send (so the job retries), and the retry sends it`, async ({ assert }) => {
      standIn.failNext(1, status)
      const message = { to: 'bob@example.com', subject: 'Retry me', html: '<p>r</p>', idempotencyKey: `sg-test:${status}` }

      const error = await notifier().send(message).catch((caught) => caught)
      assert.instanceOf(error, SendGridSendError)
      assert.include(error.message, `SendGrid answered ${status}`)
      assert.include(error.message, `stand-in outage (${status})`)
      const failed = await NotificationMessage.findByOrFail('idempotencyKey', message.idempotencyKey)
      assert.equal(failed.status, 'failed')
      assert.include(failed.error!, String(status))

      const { id } = await notifier().send(message)
      assert.equal(id, String(failed.id))
      assert.lengthOf(standIn.requests, 2)
      assert.lengthOf(standIn.accepted, 1)
      await failed.refresh()
      assert.equal(failed.status, 'sent')
      assert.equal(failed.attempts, 2)
      assert.isNull(failed.error)
    })
  }

  test('a 400 refusal of the message is recorded as failed and not retried', async ({ assert }) => {
    standIn.failNext(1, 400)
    const { id } = await notifier().send({ to: 'not-an-address', subject: 'x', html: '<p>x</p>', idempotencyKey: 'sg-test:400' })
    const row = await NotificationMessage.findOrFail(id)
    assert.equal(row.status, 'failed')
    assert.include(row.error!, 'SendGrid answered 400: stand-in outage (400)')
  })

  test('an unreachable API fails the send with a clear message', async ({ assert }) => {
    const url = standIn.url
    await standIn.close()
    const unreachable = new SendGridNotifier({ apiKey: API_KEY, from: FROM, baseUrl: url })
    const error = await unreachable
      .send({ to: 'ada@example.com', subject: 'x', html: '<p>x</p>', idempotencyKey: 'sg-test:down' })
      .catch((caught) => caught)
    assert.instanceOf(error, SendGridSendError)
    assert.include(error.message, 'SendGrid could not be reached')
    standIn = await SendGridStandIn.start() // for the group's teardown
  })

  test('a message another worker is sending is left alone until its claim runs out', async ({ assert }) => {
    const held = standIn.holdNext()
    const message = { to: 'ada@example.com', subject: 'Slow', html: '<p>s</p>', idempotencyKey: 'sg-test:busy' }
    const slow = notifier({ timeoutMs: 300 }).send(message).catch((caught) => caught)
    await held

    const busy = await notifier().send(message).catch((caught) => caught)
    assert.instanceOf(busy, MessageBusyError)

    // the held request times out on the client: failed, then a retry sends it
    assert.instanceOf(await slow, SendGridSendError)
    await notifier().send(message)
    assert.lengthOf(standIn.accepted, 1)
    assert.equal((await NotificationMessage.findByOrFail('idempotencyKey', 'sg-test:busy')).status, 'sent')
  })

  test('a sending claim whose worker died is taken over', async ({ assert }) => {
    const message = { to: 'ada@example.com', subject: 'Orphan', html: '<p>o</p>', idempotencyKey: 'sg-test:orphan' }
    await NotificationMessage.create({
      channel: 'email',
      driver: 'sendgrid',
      toAddress: message.to,
      subject: message.subject,
      html: message.html,
      idempotencyKey: message.idempotencyKey,
      status: 'sending',
      lockedUntilMs: Date.now() - 1,
      attempts: 1,
    })
    await notifier().send(message)
    assert.lengthOf(standIn.accepted, 1)
    const row = await NotificationMessage.findByOrFail('idempotencyKey', message.idempotencyKey)
    assert.equal(row.status, 'sent')
    assert.equal(row.attempts, 2)
  })
})
