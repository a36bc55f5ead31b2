import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { closeBrowser, newSession, type BrowserSession } from '#tests/helpers/browser'
import { paidOrder } from '#tests/helpers/admin_orders'
import { settleOutbox } from '#tests/helpers/outbox'
import FulfillOrder from '#actions/orders/fulfill_order'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const fulfillOrder: FulfillOrder['handle'] = async (...args) => (await app.container.make(FulfillOrder)).handle(...args)

/** `node ace jobs:work` as production runs it, on this run's database and Redis; output to a file. */
function startWorker() {
  const logFile = join(mkdtempSync(join(tmpdir(), 'stockroom-live-worker-')), 'worker.log')
  const fd = openSync(logFile, 'w')
  const child = spawn(process.execPath, ['ace', 'jobs:work'], {
    cwd: app.makePath(),
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info' },
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    output: () => readFileSync(logFile, 'utf8'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/*
| The test: an order page open in one browser context updates,
| without a reload, when staff fulfil the order in another. The test plays
| the worker (settleOutbox), so with REDIS_URL the event is relayed through
| BullMQ and the publish goes through transmit's Redis transport.
*/

test.group('Order tracking | live order page in the browser', (group) => {
  const sessions: BrowserSession[] = []

  group.each.setup(async () => {
    await clearRateLimits()
    await settleOutbox()
    return async () => {
      for (const session of sessions.splice(0)) await session.context.close()
    }
  })
  group.teardown(() => closeBrowser())

  async function open() {
    const session = await newSession()
    session.page.setDefaultTimeout(10_000)
    sessions.push(session)
    return session
  }

  test('the shopper’s page shows packed, then the shipment, when staff pack and fulfil in another context', async ({ assert }) => {
    const { order } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1800 }] })
    const shopper = await open()
    await shopper.page.goto(`/orders/${order.publicToken}`)
    assert.equal(await shopper.page.locator('[data-fulfillment-status]').textContent(), 'Shipping: Not shipped yet')
    // subscribed once the live client's POST was accepted
    await shopper.page.waitForSelector('html[data-live-orders="subscribed"]')
    // survives only if the page is never reloaded
    await shopper.page.evaluate(() => ((globalThis as any).notReloaded = true))

    const staff = await open()
    await signInInBrowser(staff.page, 'fulfillment')
    await staff.page.goto(`/admin/orders/${order.id}`)
    // packing first: the packed step appears live before anything ships
    await Promise.all([staff.page.waitForURL(`**/admin/orders/${order.id}`), staff.page.getByRole('button', { name: 'Mark as packed' }).click()])
    await settleOutbox()
    await shopper.page.locator('[data-event="order_packed"]').filter({ hasText: 'Packed' }).waitFor()
    assert.equal(await shopper.page.locator('[data-fulfillment-status]').textContent(), 'Shipping: Not shipped yet')

    await staff.page.getByLabel('Carrier').fill('Posten')
    await staff.page.getByLabel('Tracking number').fill('BRWS42')
    await staff.page.getByLabel('Tracking URL').fill('https://tracking.example.test/BRWS42')
    await Promise.all([staff.page.waitForURL(`**/admin/orders/${order.id}`), staff.page.getByRole('button', { name: 'Fulfil items' }).click()])
    assert.include(await staff.page.locator('[data-fulfillment-status]').textContent(), 'Fulfillment: Fulfilled')

    // what a worker does: relay the OrderFulfilled event and run its listeners
    await settleOutbox()

    const status = shopper.page.locator('[data-fulfillment-status]')
    await status.filter({ hasText: 'Shipping: Shipped' }).waitFor()
    const tracking = shopper.page.getByRole('link', { name: /BRWS42/ })
    assert.equal(await tracking.getAttribute('href'), 'https://tracking.example.test/BRWS42')
    assert.include(await shopper.page.locator('[data-carrier]').textContent(), 'Posten')
    assert.include(await shopper.page.locator('[data-timeline]').textContent(), 'Shipped')
    assert.include(await shopper.page.locator('#order-live-announcement').textContent(), 'Shipping: Shipped')
    assert.isTrue(await shopper.page.evaluate(() => (globalThis as any).notReloaded === true))

    for (const session of sessions) {
      assert.deepEqual(session.cspViolations, [])
      assert.deepEqual(session.consoleErrors, [])
    }
    // two browser contexts, two sign-ins and a worker's pass: slow on a busy machine
  }).timeout(90_000)

  test('the signed-in owner’s account page follows the order too, and shows it delivered', async ({ assert }) => {
    const { DateTime } = await import('luxon')
    const { CustomerFactory, CUSTOMER_PASSWORD } = await import('#database/factories/customer_factory')
    const { default: Order } = await import('#models/order')
    const customer = await CustomerFactory.merge({ emailVerifiedAt: DateTime.now() }).create()
    const { order, lines } = await paidOrder({ email: customer.email })
    await Order.query().where('id', order.id).update({ customer_id: customer.id })
    await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: lines[0].quantity }] }, { type: 'staff', id: null })

    const shopper = await open()
    await shopper.page.goto('/account/sign-in')
    await shopper.page.getByLabel('Email', { exact: true }).fill(customer.email)
    await shopper.page.getByLabel('Password').fill(CUSTOMER_PASSWORD)
    await Promise.all([shopper.page.waitForURL('**/account'), shopper.page.getByRole('button', { name: 'Sign in' }).click()])
    await shopper.page.goto(`/account/orders/${order.publicToken}`)
    await shopper.page.waitForSelector('html[data-live-orders="subscribed"]')

    const staff = await open()
    await signInInBrowser(staff.page, 'fulfillment')
    await staff.page.goto(`/admin/orders/${order.id}`)
    await Promise.all([
      staff.page.waitForURL(`**/admin/orders/${order.id}`),
      staff.page.getByRole('button', { name: /delivered/i }).click(),
    ])
    await settleOutbox()

    await shopper.page.locator('[data-fulfillment-status]').filter({ hasText: 'Shipping: Delivered' }).waitFor()
    assert.include(await shopper.page.locator('[data-timeline]').textContent(), 'Delivered')
    for (const session of sessions) {
      assert.deepEqual(session.cspViolations, [])
      assert.deepEqual(session.consoleErrors, [])
    }
    // two browser contexts, two sign-ins and a worker's pass: slow on a busy machine
  }).timeout(90_000)

  test('with Redis, a separate worker process relays the event and its publish reaches the page through Redis', async ({ assert, cleanup }) => {
    const { order, lines } = await paidOrder()
    await settleOutbox()
    const shopper = await open()
    await shopper.page.goto(`/orders/${order.publicToken}`)
    await shopper.page.waitForSelector('html[data-live-orders="subscribed"]')

    // This process stops working jobs (settleOutbox started its BullMQ workers): only the
    // spawned worker's transmit can publish, and it holds no stream, so Redis must carry it.
    await (await app.container.make('stockroom.queue')).stop()
    const worker = startWorker()
    cleanup(() => worker.stop())
    const deadline = Date.now() + 40_000
    while (!worker.output().includes('Working jobs') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    assert.include(worker.output(), 'Working jobs', worker.output())

    await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: lines[0].quantity }], carrier: 'Bring' }, { type: 'system' })
    await shopper.page.locator('[data-fulfillment-status]').filter({ hasText: 'Shipping: Shipped' }).waitFor({ timeout: 20_000 })
    assert.include(await shopper.page.locator('[data-carrier]').textContent(), 'Bring')
    assert.deepEqual(shopper.cspViolations, [])
    assert.deepEqual(shopper.consoleErrors, [])
  })
    .skip(!process.env.REDIS_URL, 'needs REDIS_URL: without Redis, jobs run inside the web process')
    .timeout(90_000)
})
