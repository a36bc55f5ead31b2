import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { recordEvent } from '#plugin_host/outbox'
import OutboxEvent from '#models/outbox_event'
import OutboxDelivery from '#models/outbox_delivery'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'



test.group('Outbox | events and deliveries', (group) => {
  const listenerIds: string[] = []
  group.each.teardown(async () => {
    const { host } = await outboxServices()
    listenerIds.splice(0).forEach((id) => host.unlisten(id))
  })

  test('an event recorded in a rolled back transaction never exists', async ({ assert }) => {
    const before = await OutboxEvent.query().where('name', 'ProductUpdated').count('* as total')
    const trx = await db.transaction()
    await recordEvent('ProductUpdated', { productId: 999_001 }, trx)
    await trx.rollback()
    const after = await OutboxEvent.query().where('name', 'ProductUpdated').count('* as total')
    assert.equal(Number(after[0].$extras.total), Number(before[0].$extras.total))
  })

  test('a committed event reaches its listener once, however often the relay runs', async ({ assert }) => {
    const { host, relay } = await outboxServices()
    const received: Array<{ productId: number; eventId: number }> = []
    host.listen({
      id: 'test.collect-product-updates',
      event: 'ProductUpdated',
      handle: (payload, meta) => { received.push({ productId: payload.productId, eventId: meta.eventId }) },
    })
    listenerIds.push('test.collect-product-updates')

    const trx = await db.transaction()
    const event = await recordEvent('ProductUpdated', { productId: 4242 }, trx)
    await trx.commit()

    await settleOutbox()
    await relay.relayPending()
    await settleOutbox()

    assert.deepEqual(received.filter((r) => r.productId === 4242), [{ productId: 4242, eventId: event.id }])
    const delivery = await OutboxDelivery.query()
      .where('event_id', event.id)
      .where('listener', 'test.collect-product-updates')
      .firstOrFail()
    assert.equal(delivery.status, 'delivered')
    assert.equal(delivery.attempts, 1)
    assert.isNotNull((await OutboxEvent.findOrFail(event.id)).relayedAt)
  })

  test('a listener that throws is retried with backoff, then marked failed with its error', async ({ assert }) => {
    const { host } = await outboxServices()
    let calls = 0
    host.listen({
      id: 'test.always-fails',
      event: 'CustomerRegistered',
      attempts: 3,
      backoffMs: 5,
      handle: () => {
        calls++
        throw new Error('mail server refused the connection')
      },
    })
    listenerIds.push('test.always-fails')

    const event = await recordEvent('CustomerRegistered', { customerId: 1, email: 'retry@example.com' })
    await settleOutbox()

    assert.equal(calls, 3)
    const delivery = await OutboxDelivery.query().where('event_id', event.id).where('listener', 'test.always-fails').firstOrFail()
    assert.equal(delivery.status, 'failed')
    assert.equal(delivery.attempts, 3)
    assert.include(delivery.lastError!, 'mail server refused the connection')
  })

  test('a failed delivery retried from admin runs again and can succeed', async ({ assert }) => {
    const { host, relay } = await outboxServices()
    let healthy = false
    let delivered = 0
    host.listen({
      id: 'test.flaky',
      event: 'StockLow',
      attempts: 1,
      backoffMs: 5,
      handle: () => {
        if (!healthy) throw new Error('down for maintenance')
        delivered++
      },
    })
    listenerIds.push('test.flaky')

    const event = await recordEvent('StockLow', { variantId: 7, available: 1, threshold: 5 })
    await settleOutbox()
    // Other listeners (the low-stock email) hear StockLow too: look at ours.
    const delivery = await OutboxDelivery.query().where('event_id', event.id).where('listener', 'test.flaky').firstOrFail()
    assert.equal(delivery.status, 'failed')

    healthy = true
    await relay.retry(delivery)
    await settleOutbox()
    await delivery.refresh()
    assert.equal(delivery.status, 'delivered')
    assert.equal(delivered, 1)
    assert.equal(delivery.attempts, 2)
  })

  test('one failing listener does not keep the others from their delivery', async ({ assert }) => {
    const { host } = await outboxServices()
    let goodCalls = 0
    host.listen({ id: 'test.bad', event: 'OrderPlaced', attempts: 1, handle: () => { throw new Error('boom') } })
    host.listen({ id: 'test.good', event: 'OrderPlaced', handle: () => { goodCalls++ } })
    listenerIds.push('test.bad', 'test.good')

    const event = await recordEvent('OrderPlaced', { orderId: 31337 })
    await settleOutbox()
    const statuses = await OutboxDelivery.query().where('event_id', event.id).whereIn('listener', ['test.bad', 'test.good']).orderBy('listener')
    assert.deepEqual(statuses.map((d) => [d.listener, d.status]), [['test.bad', 'failed'], ['test.good', 'delivered']])
    assert.equal(goodCalls, 1)
  })
})
