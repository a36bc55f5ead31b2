import { test } from '@japa/runner'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'

/*
| No global transaction here: the race test needs a real unique violation,
| which on PostgreSQL would abort a surrounding transaction.
*/
test.group('Notifications | outbox driver', (group) => {
  group.each.setup(async () => {
    await NotificationMessage.query().delete()
  })

  test('keeps whose message it is, and drops one to a .invalid (erased) address without storing it', async ({ assert }) => {
    const notifier = new OutboxNotifier()
    const { id } = await notifier.send({ to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', customerId: 42 })
    assert.equal((await NotificationMessage.findOrFail(id)).customerId, 42)
    assert.deepEqual(await notifier.send({ to: 'erased-0a1b@anonymized.invalid', subject: 'Order shipped', html: '<p>Ada</p>' }), { id: 'undeliverable' })
    assert.lengthOf(await NotificationMessage.all(), 1)
  })

  test('stores the message and returns its id', async ({ assert }) => {
    const notifier = new OutboxNotifier({ from: 'Shop <no-reply@shop.example>' })
    const { id } = await notifier.send({
      to: 'ada@example.com',
      subject: 'Your order',
      html: '<p>Thanks</p>',
      text: 'Thanks',
      template: 'order_placed',
    })

    const stored = await NotificationMessage.findOrFail(id)
    assert.equal(notifier.name, 'outbox')
    assert.equal(String(stored.id), id)
    assert.equal(stored.channel, 'email')
    assert.equal(stored.driver, 'outbox')
    assert.equal(stored.status, 'stored')
    assert.equal(stored.fromAddress, 'Shop <no-reply@shop.example>')
    assert.equal(stored.toAddress, 'ada@example.com')
    assert.equal(stored.subject, 'Your order')
    assert.equal(stored.html, '<p>Thanks</p>')
    assert.equal(stored.text, 'Thanks')
    assert.equal(stored.template, 'order_placed')
    assert.isNull(stored.idempotencyKey)
    assert.isNull(stored.sentAt)
    assert.isTrue(stored.createdAt.isValid)
  })

  test('messages without a key are never deduplicated', async ({ assert }) => {
    const notifier = new OutboxNotifier()
    const message = { to: 'ada@example.com', subject: 'Hello', html: '<p>Hi</p>' }
    const first = await notifier.send(message)
    const second = await notifier.send(message)

    assert.notEqual(first.id, second.id)
    assert.lengthOf(await NotificationMessage.all(), 2)
  })

  test('a repeated idempotency key returns the first message', async ({ assert }) => {
    const notifier = new OutboxNotifier()
    const first = await notifier.send({
      to: 'ada@example.com',
      subject: 'First',
      html: '<p>1</p>',
      idempotencyKey: 'order-placed:42',
    })
    const again = await notifier.send({
      to: 'ada@example.com',
      subject: 'Second',
      html: '<p>2</p>',
      idempotencyKey: 'order-placed:42',
    })

    assert.equal(again.id, first.id)
    const rows = await NotificationMessage.all()
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].subject, 'First')
  })

  test('concurrent sends with the same key store one message', async ({ assert }) => {
    const senders = [new OutboxNotifier(), new OutboxNotifier(), new OutboxNotifier(), new OutboxNotifier()]
    const results = await Promise.all(
      senders.map((notifier, index) =>
        notifier.send({
          to: 'ada@example.com',
          subject: `Attempt ${index}`,
          html: '<p>race</p>',
          idempotencyKey: 'staff-signed-in:7',
        })
      )
    )

    const rows = await NotificationMessage.query().where('idempotency_key', 'staff-signed-in:7')
    assert.lengthOf(rows, 1)
    assert.deepEqual(
      results.map((result) => result.id),
      results.map(() => String(rows[0].id))
    )
  })
})
