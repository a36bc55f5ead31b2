import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import OutboxEvent from '#models/outbox_event'
import OutboxDelivery from '#models/outbox_delivery'
import { STALE_DELIVERY_MS } from '#plugin_host/outbox'
import { dbTimestamp } from '#services/db_time'
import { outboxServices } from '#tests/helpers/outbox'

const LISTENER = 'test.lost-job'

/** An event relayed long ago whose delivery's job is gone from the queue (it was never there). */
async function deliveryWithLostJob(productId: number, minutesAgo: number) {
  const at = DateTime.now().minus({ minutes: minutesAgo })
  const event = await OutboxEvent.create({ name: 'ProductUpdated', payload: { productId }, occurredAt: at, relayedAt: at })
  const [row] = await db
    .table('outbox_deliveries')
    .insert({
      event_id: event.id,
      listener: LISTENER,
      status: 'pending',
      attempts: 0,
      max_attempts: 3,
      retries_requested: 0,
      created_at: dbTimestamp(db.connection(), at),
      updated_at: dbTimestamp(db.connection(), at),
    })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

test.group('Outbox | deliveries whose job was lost', (group) => {
  group.each.teardown(async () => {
    const { host } = await outboxServices()
    host.unlisten(LISTENER)
  })

  test('the sweep queues a stale pending delivery again, on the real queue, and it is delivered once', async ({ assert }) => {
    const { host, relay, queue } = await outboxServices()
    const received: number[] = []
    host.listen({ id: LISTENER, event: 'ProductUpdated', handle: (payload) => void received.push(payload.productId) })
    const productId = 700_000 + Math.floor(Math.random() * 99_999)
    const lost = await deliveryWithLostJob(productId, STALE_DELIVERY_MS / 60_000 + 5)
    const fresh = await deliveryWithLostJob(productId + 1, 0)

    assert.isAtLeast(await relay.requeueStale(), 1)
    // the first pass moved the row's last change to now: the next pass leaves it alone
    await relay.requeueStale()
    await queue.drain(15_000)

    assert.deepEqual(received.filter((id) => id === productId), [productId])
    const delivered = await OutboxDelivery.findOrFail(lost)
    assert.equal(delivered.status, 'delivered')
    assert.equal(delivered.attempts, 1)
    // a delivery relayed a moment ago is left to its own job
    assert.notInclude(received, productId + 1)
    await OutboxDelivery.query().where('id', fresh).delete()
  }).timeout(30_000)
})
