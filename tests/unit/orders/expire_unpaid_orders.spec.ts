import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import { placeOrder } from '#tests/helpers/payment_actions'
import CancelOrder, { OrderNotCancellableError } from '#actions/orders/cancel_order'
import { transitionOrder } from '#models/order_transitions'
import ExpireUnpaidOrders from '#actions/orders/expire_unpaid_orders'
import { EXPIRE_UNPAID_ORDERS_JOB } from '#jobs/expire_unpaid_orders_job'
import { dbTimestamp } from '#services/db_time'
import { outboxServices } from '#tests/helpers/outbox'
import { PeriodicJobs } from '#services/periodic_jobs'
import type { JobQueue } from '#jobs/queue'
import { cartWith, checkoutToken, flatShipping, stockLevel, stockedVariants, testAddress } from '#tests/helpers/checkout'

const cancelOrder: CancelOrder['handle'] = async (...args) => (await app.container.make(CancelOrder)).handle(...args)
const expireUnpaidOrders: ExpireUnpaidOrders['handle'] = async (...args) => (await app.container.make(ExpireUnpaidOrders)).handle(...args)

const COUNTRY = 'MT'

async function placedOrder(shippingMethodId: number, stock = 5, quantity = 2) {
  const { variants } = await stockedVariants([{ price: 1000, stock }])
  const cart = await cartWith([{ variantId: variants[0].id, quantity, price: 1000 }])
  const { order } = await placeOrder({
    cartId: cart.id,
    checkoutToken: checkoutToken(),
    email: 'expiry@example.test',
    shippingAddress: testAddress(COUNTRY, { postalCode: 'VLT 1117' }),
    shippingMethodId,
  })
  return { order, variantId: variants[0].id }
}

/** Moves an order's reservation deadline into the past. */
async function expire(order: Order) {
  await db.from('orders').where('id', order.id).update({ expires_at: dbTimestamp(undefined, DateTime.now().minus({ minutes: 1 })) })
}

test.group('Orders | cancel and expire', (group) => {
  let shippingMethodId: number
  group.setup(async () => {
    shippingMethodId = await flatShipping(COUNTRY, 0, 'Free delivery')
  })

  test('an unpaid order past its time is cancelled as expired and its stock released', async ({ assert }) => {
    const { order, variantId } = await placedOrder(shippingMethodId)
    const fresh = await placedOrder(shippingMethodId)
    assert.deepEqual(await stockLevel(variantId), { onHand: 5, reserved: 2 })
    await expire(order)

    const report = await expireUnpaidOrders()
    assert.include(report.expired, order.id)
    assert.notInclude(report.expired, fresh.order.id)

    await order.refresh()
    assert.equal(order.status, 'cancelled')
    assert.isNotNull(order.cancelledAt)
    assert.deepEqual(await stockLevel(variantId), { onHand: 5, reserved: 0 })
    const reservations = await db.from('reservations').where('order_id', order.id)
    assert.deepEqual(reservations.map((row) => row.status), ['expired'])
    const cancelled = await db.from('order_events').where('order_id', order.id).where('type', 'order_cancelled').first()
    const data = typeof cancelled.data === 'string' ? JSON.parse(cancelled.data) : cancelled.data
    assert.equal(data.reason, 'expired')
    assert.equal(cancelled.actor, 'system')

    // the fresh order keeps its stock
    assert.equal((await Order.findOrFail(fresh.order.id)).status, 'pending')
    assert.equal((await stockLevel(fresh.variantId)).reserved, 2)
  })

  test('several workers sweeping at once cancel each order once', async ({ assert }) => {
    const placed = await Promise.all([1, 2, 3].map(() => placedOrder(shippingMethodId)))
    for (const { order } of placed) await expire(order)

    const reports = await Promise.all([expireUnpaidOrders(), expireUnpaidOrders(), expireUnpaidOrders()])
    for (const { order, variantId } of placed) {
      assert.equal(reports.filter((report) => report.expired.includes(order.id)).length, 1)
      assert.equal((await stockLevel(variantId)).reserved, 0)
      const events = await db.from('order_events').where('order_id', order.id).where('type', 'order_cancelled')
      assert.lengthOf(events, 1)
    }
  })

  test('a paid order is not expired', async ({ assert }) => {
    const { order, variantId } = await placedOrder(shippingMethodId)
    await db.transaction(async (trx) => {
      order.useTransaction(trx)
      await transitionOrder(order, 'payment_status', 'paid', { trx, actor: 'test' })
    })
    await expire(order)
    const report = await expireUnpaidOrders()
    assert.notInclude(report.expired, order.id)
    assert.equal((await Order.findOrFail(order.id)).status, 'pending')
    assert.equal((await stockLevel(variantId)).reserved, 2)
    await assert.rejects(() => cancelOrder(order, { reason: 'changed my mind', actor: 'test' }), OrderNotCancellableError)
  })

  test('the expiry job is registered by name and expires orders', async ({ assert }) => {
    const { order, variantId } = await placedOrder(shippingMethodId)
    await expire(order)
    const { host } = await outboxServices()
    await host.jobs.get(EXPIRE_UNPAID_ORDERS_JOB).handle({}, { attempt: 1, jobId: 'test' })
    assert.equal((await Order.findOrFail(order.id)).status, 'cancelled')
    assert.equal((await stockLevel(variantId)).reserved, 0)
  })

  test('the schedule queues the expiry job once per slot, whichever processes run it', async ({ assert }) => {
    const dispatched: Array<{ name: string; key?: string }> = []
    const queue = {
      driver: 'database' as const,
      async dispatch(name: string, _payload: unknown, options: { dedupeKey?: string } = {}) {
        dispatched.push({ name, key: options.dedupeKey })
      },
      async start() {},
      async stop() {},
      async drain() {},
    } as unknown as JobQueue
    const first = new PeriodicJobs(queue)
    const second = new PeriodicJobs(queue)
    first.start()
    second.start()
    first.stop()
    second.stop()
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(dispatched.map((job) => job.name), [EXPIRE_UNPAID_ORDERS_JOB, EXPIRE_UNPAID_ORDERS_JOB])
    // the same slot key: the queue keeps one job for both processes
    assert.equal(dispatched[0].key, dispatched[1].key)
  })

  test('cancelling an order releases its stock and records OrderCancelled', async ({ assert }) => {
    const { order, variantId } = await placedOrder(shippingMethodId)
    await cancelOrder(order, { reason: 'customer request', actor: 'staff:1' })
    assert.equal(order.status, 'cancelled')
    assert.equal((await stockLevel(variantId)).reserved, 0)
    const event = await db.from('outbox_events').where('name', 'OrderCancelled').orderBy('id', 'desc').first()
    const payload = typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload
    assert.deepEqual(payload, { orderId: order.id, reason: 'customer request' })
    // cancelling twice is refused by the state machine, stock untouched
    await assert.rejects(() => cancelOrder(order, { reason: 'again', actor: 'staff:1' }))
    assert.deepEqual(await stockLevel(variantId), { onHand: 5, reserved: 0 })
  })
})
