import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { Transmit } from '@boringnode/transmit'
import transmitConfig from '#config/transmit'
import Order from '#models/order'
import app from '@adonisjs/core/services/app'
import FulfillOrder from '#actions/orders/fulfill_order'
import MarkOrderDelivered from '#actions/orders/mark_order_delivered'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { paidOrder } from '#tests/helpers/admin_orders'
import { signIn } from '#tests/helpers/accounts'
import { settleOutbox } from '#tests/helpers/outbox'
import { signedInStaff } from '#tests/helpers/staff_session'
import { openLiveStream, pageCsrfToken, pageLiveChannel } from '#tests/helpers/live_stream'
import { orderChannel, DASHBOARD_CHANNEL } from '#services/live_updates'
import { asset } from '#services/assets'

const transmit = await app.container.make('transmit')

/** Resolves once something (this process's transmit, before any other is made) subscribes to transmit's Redis channel. */
async function serverListensOnRedis(timeoutMs = 5000) {
  const { default: redis } = await import('@adonisjs/redis/services/main')
  const channel = transmitConfig.transport!.channel!
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const [, listeners] = (await redis.connection().ioConnection.pubsub('NUMSUB', channel)) as [string, number]
    if (Number(listeners) > 0) return
    if (Date.now() > deadline) throw new Error(`nothing subscribed to ${channel} within ${timeoutMs} ms`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

const fulfillOrder: FulfillOrder['handle'] = async (...args) => (await app.container.make(FulfillOrder)).handle(...args)

const STATUS_FRAGMENT = { 'hx-request': 'true', 'hx-target': 'order-status-live' }

async function verifiedCustomer() {
  const customer = await CustomerFactory.merge({ emailVerifiedAt: DateTime.now() }).create()
  const agent = new HttpAgent()
  const response = await signIn(agent, customer.email, CUSTOMER_PASSWORD)
  if (response.status !== 302) throw new Error(`customer sign-in failed: ${response.status}`)
  return { customer, agent }
}

test.group('Order tracking | live channel authorization', () => {
  test('the emailed link grants its session the order channel; other sessions and other channels are refused', async ({ assert, cleanup }) => {
    const { order } = await paidOrder()
    const shopper = new HttpAgent()
    const page = await shopper.get(`/orders/${order.publicToken}`)
    assert.equal(page.status, 200)
    const channel = pageLiveChannel(page.text)
    assert.equal(channel, orderChannel(order.publicToken))
    assert.notInclude(channel, order.publicToken, 'the channel name does not reveal the link token')
    assert.include(page.text, asset('/js/live_updates.js'))

    const stream = await openLiveStream(shopper)
    cleanup(() => stream.close())
    assert.equal(stream.contentType, 'text/event-stream')
    assert.equal((await stream.subscribe(channel, pageCsrfToken(page.text))).status, 204)

    // A stranger who knows the channel name but never opened the page.
    const stranger = new HttpAgent()
    const strangerPage = await stranger.get('/cart')
    const strangerStream = await openLiveStream(stranger)
    cleanup(() => strangerStream.close())
    assert.equal((await strangerStream.subscribe(channel, pageCsrfToken(strangerPage.text))).status, 400)

    // A made-up order channel, the staff channel, and a channel Stockroom never publishes on.
    const token = pageCsrfToken(page.text)
    assert.equal((await stream.subscribe(orderChannel('not-the-token'), token)).status, 400)
    assert.equal((await stream.subscribe(DASHBOARD_CHANNEL, token)).status, 400)
    assert.equal((await stream.subscribe('orders/../../admin', token)).status, 400)

    // Without the CSRF token shield refuses before authorization runs, and the stream gets nothing.
    const forgedStream = await openLiveStream(shopper)
    cleanup(() => forgedStream.close())
    const forged = await forgedStream.subscribe(channel, null)
    assert.equal(forged.status, 403)
    assert.deepEqual(JSON.parse(forged.text), { message: 'This page has expired. Reload it and try again.', code: 'E_BAD_CSRF_TOKEN' })
    const subscribed = [...transmit.getManager().findByChannel(channel)].map((subscriber) => subscriber.getUid())
    assert.include(subscribed, stream.uid)
    assert.notInclude(subscribed, forgedStream.uid)
  })

  test('a wrong token is a 404 and grants nothing; an invalid stream id is refused', async ({ assert }) => {
    const agent = new HttpAgent()
    assert.equal((await agent.get('/orders/not-a-real-token-at-all')).status, 404)
    assert.equal((await agent.get('/__transmit/events?uid=not-a-uuid')).status, 400)
  })

  test('the account order page is the owner’s only; the owner gets the channel, another customer neither', async ({ assert, cleanup }) => {
    const owner = await verifiedCustomer()
    const { order } = await paidOrder({ email: owner.customer.email })
    await Order.query().where('id', order.id).update({ customer_id: owner.customer.id })

    const page = await owner.agent.get(`/account/orders/${order.publicToken}`)
    assert.equal(page.status, 200)
    assert.include(page.text, `Order #${order.number}`)
    const stream = await openLiveStream(owner.agent)
    cleanup(() => stream.close())
    assert.equal((await stream.subscribe(pageLiveChannel(page.text), pageCsrfToken(page.text))).status, 204)

    const other = await verifiedCustomer()
    const refused = await other.agent.get(`/account/orders/${order.publicToken}`)
    assert.equal(refused.status, 404)
    const otherPage = await other.agent.get('/account/orders')
    const otherStream = await openLiveStream(other.agent)
    cleanup(() => otherStream.close())
    assert.equal((await otherStream.subscribe(orderChannel(order.publicToken), pageCsrfToken(otherPage.text))).status, 400)
  })

  test('the dashboard channel is for signed-in staff only', async ({ assert, cleanup }) => {
    const { agent } = await signedInStaff('fulfillment')
    const dashboard = await agent.get('/admin')
    assert.equal(pageLiveChannel(dashboard.text), DASHBOARD_CHANNEL)
    const stream = await openLiveStream(agent)
    cleanup(() => stream.close())
    assert.equal((await stream.subscribe(DASHBOARD_CHANNEL, pageCsrfToken(dashboard.text))).status, 204)

    const customer = await verifiedCustomer()
    const page = await customer.agent.get('/account')
    const customerStream = await openLiveStream(customer.agent)
    cleanup(() => customerStream.close())
    assert.equal((await customerStream.subscribe(DASHBOARD_CHANNEL, pageCsrfToken(page.text))).status, 400)
  })
})

/** A guest opens the order's emailed link and the page's live client subscribes (asserted accepted). */
async function followOrderPage(order: Order, cleanup: (fn: () => void) => void) {
  const shopper = new HttpAgent()
  const page = await shopper.get(`/orders/${order.publicToken}`)
  const channel = pageLiveChannel(page.text)
  const stream = await openLiveStream(shopper)
  cleanup(() => stream.close())
  const subscribed = await stream.subscribe(channel, pageCsrfToken(page.text))
  if (subscribed.status !== 204) throw new Error(`subscribe answered ${subscribed.status}`)
  return { shopper, channel, stream }
}

test.group('Order tracking | live messages', () => {
  test('fulfilling an order reaches the page’s stream, and the refetched fragment shows the shipment', async ({ assert, cleanup }) => {
    const { order, lines } = await paidOrder()
    const { shopper, channel, stream } = await followOrderPage(order, cleanup)
    await settleOutbox()
    stream.messages.length = 0

    await fulfillOrder(
      order.id,
      {
        lines: lines.map((line) => ({ orderLineId: line.id, quantity: line.quantity })),
        carrier: 'Posten',
        trackingNumber: 'LIVE123',
        trackingUrl: 'https://tracking.example.test/LIVE123',
      },
      { type: 'staff', id: null }
    )
    await settleOutbox()
    const message = await stream.next(channel)
    assert.deepEqual(message.payload, { type: 'order.changed' })
    assert.notInclude(JSON.stringify(message), order.email, 'messages carry no personal data')

    const fragment = await shopper.get(`/orders/${order.publicToken}`, STATUS_FRAGMENT)
    assert.equal(fragment.status, 200)
    assert.notInclude(fragment.text, '<html', 'htmx gets the live part only')
    assert.include(fragment.text, 'Shipping: Shipped')
    assert.include(fragment.text, 'Posten')
    assert.include(fragment.text, 'href="https://tracking.example.test/LIVE123"')
    assert.include(fragment.text, 'data-event="fulfillment_created"')
    assert.include(fragment.text, 'id="order-live-announcement"')

    stream.messages.length = 0
    await (await app.container.make(MarkOrderDelivered)).handle(order.id, { type: 'staff', id: null })
    await settleOutbox()
    await stream.next(channel)
    assert.include((await shopper.get(`/orders/${order.publicToken}`, STATUS_FRAGMENT)).text, 'data-event="order_delivered"')
  })

  test('a tracking URL that is not a web address is shown as text, never as a link', async ({ assert }) => {
    const { order, lines } = await paidOrder()
    await fulfillOrder(
      order.id,
      { lines: [{ orderLineId: lines[0].id, quantity: 1 }], trackingNumber: 'X1', trackingUrl: 'javascript:alert(1)' },
      { type: 'staff', id: null }
    )
    const page = await new HttpAgent().get(`/orders/${order.publicToken}`)
    assert.notInclude(page.text, 'javascript:alert')
    // the admin's words and tone for the state; the step line marks where the order is, and nothing in it is a link
    assert.match(page.text, /<span class="badge badge--info" data-fulfillment-status>Shipping: Partially shipped<\/span>/)
    const progress = page.text.slice(page.text.indexOf('<ol class="order-progress"'), page.text.indexOf('</ol>', page.text.indexOf('<ol class="order-progress"')))
    assert.match(progress, /aria-current="step">\s*Partially shipped/)
    assert.equal(progress.split('aria-current=').length, 2, 'one current step')
    assert.notInclude(progress, '<a ')
    assert.notInclude(page.text, 'Partly')
  })

  test('order events also nudge the staff dashboard channel', async ({ assert, cleanup }) => {
    const { agent } = await signedInStaff('admin')
    const dashboard = await agent.get('/admin')
    const stream = await openLiveStream(agent)
    cleanup(() => stream.close())
    assert.equal((await stream.subscribe(DASHBOARD_CHANNEL, pageCsrfToken(dashboard.text))).status, 204)
    await settleOutbox()
    stream.messages.length = 0

    await paidOrder()
    await settleOutbox()
    assert.deepEqual((await stream.next(DASHBOARD_CHANNEL)).payload, { type: 'dashboard.changed' })
  })

  test('with Redis, a message published by another process reaches this process’s subscribers', async ({ assert, cleanup }) => {
    const { order } = await paidOrder()
    const { channel, stream } = await followOrderPage(order, cleanup)

    // Ready when this server's transmit listens on the Redis channel (its subscription is made
    // at boot without being awaited); the worker's publish waits for its own connection by itself.
    await serverListensOnRedis()
    // A second transmit with its own bus, as a worker process has: it holds no stream, so only Redis can deliver.
    const worker = new Transmit(transmitConfig, transmitConfig.transport!.driver())
    cleanup(() => worker.shutdown())
    worker.broadcast(channel, { type: 'order.changed' })
    assert.deepEqual((await stream.next(channel)).payload, { type: 'order.changed' })
  }).skip(!process.env.REDIS_URL, 'needs REDIS_URL')
})
