import { spawn, type ChildProcess } from 'node:child_process'
import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import { HttpAgent } from '#tests/helpers/http_agent'
import { startServer } from '#tests/helpers/app_process'
import { addToCart, checkoutUpToReview, orderTokenFrom, placeOrderForm } from '#tests/helpers/checkout_flow'
import { flatShipping, stockedVariants } from '#tests/helpers/checkout'

/**
 * A web process in production mode (sessions, rate limits, cache L2 and
 * jobs on Redis) against a Redis of its own, which the test kills, stops
 * and brings back. Never the shared Redis: other runs use it.
 */
const redisPort = Number(process.env.PORT) + 70
const webPort = Number(process.env.PORT) + 71
const base = `http://127.0.0.1:${webPort}`
/**
 * Test data stays in the database between specs, and a country's lowest-id zone
 * wins: each spec that ships somewhere uses a country no other spec uses.
 */
const OUTAGE_COUNTRY = 'FI'

function startRedis(): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: 'ignore',
  })
  return waitFor(async () => {
    const client = new Redis({ port: redisPort, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    client.on('error', () => {})
    try {
      await client.connect()
      return (await client.ping()) === 'PONG' ? child : null
    } catch {
      return null
    } finally {
      client.disconnect()
    }
  }, 10_000, 'the throwaway Redis did not start')
}

async function waitFor<T>(probe: () => Promise<T | null>, ms: number, message: string): Promise<T> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const value = await probe()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(message)
}

/** A GET with its time in ms. */
async function timed(path: string, agent?: HttpAgent) {
  const started = performance.now()
  const response = agent ? await agent.get(path) : await fetch(base + path, { headers: { accept: 'text/html' } }).then(async (r) => ({ status: r.status, text: await r.text() }))
  return { status: response.status, text: response.text, ms: performance.now() - started }
}

/** Readiness polled until it says `status`; answers how long that took. */
async function readyTurns(status: number, within: number) {
  const started = performance.now()
  await waitFor(async () => ((await fetch(`${base}/health/ready`)).status === status ? true : null), within, `ready did not turn ${status} within ${within} ms`)
  return performance.now() - started
}

/** A shopper's whole visit: product page, cart, checkout up to a placed order. */
async function shop(handle: string, variantId: number, shippingMethodId: number, name: string) {
  const agent = new HttpAgent(base)
  const started = performance.now()
  const page = await agent.get(`/products/${handle}`)
  await addToCart(agent, variantId)
  const cart = await agent.get('/cart')
  const review = await checkoutUpToReview(agent, shippingMethodId, {
    email: `${name}@example.test`,
    first_name: 'Outage',
    last_name: name,
    line1: 'Aleksanterinkatu 52',
    city: 'Helsinki',
    postal_code: '00100',
    country_code: OUTAGE_COUNTRY,
  })
  const placed = await agent.post('/checkout/place', placeOrderForm(review))
  return { page: page.status, cart: cart.status, order: orderTokenFrom(placed.location), ms: performance.now() - started }
}

test.group('Resilience | Redis goes away and comes back', () => {
  test('live stays up, ready turns 503 within a second, the shop sells, the back-office says 503, all recovers', async ({ assert }) => {
    const shippingMethodId = await flatShipping(OUTAGE_COUNTRY, 400, 'Posti')
    const { product, variants } = await stockedVariants([{ price: 2500, stock: 50, title: 'Outage' }])
    let redis = await startRedis()
    const server = await startServer(webPort, { ...process.env, REDIS_URL: `redis://127.0.0.1:${redisPort}/0`, LOG_LEVEL: 'info' })
    try {
      assert.equal((await fetch(`${base}/health/ready`)).status, 200)
      const before = await shop(product.handle, variants[0].id, shippingMethodId, 'before')
      assert.isNotNull(before.order)

      // Redis killed: connections refused
      redis.kill('SIGKILL')
      const toNotReady = await readyTurns(503, 1000)
      const live = await timed('/health/live')
      assert.equal(live.status, 200)
      const during = await shop(product.handle, variants[0].id, shippingMethodId, 'during')
      assert.deepInclude(during, { page: 200, cart: 200 })
      assert.isNotNull(during.order, 'an order is placed while Redis is away')
      const admin = await timed('/admin/login')
      assert.equal(admin.status, 503)
      assert.include(admin.text, 'session store')
      for (const answer of [live, admin]) assert.isBelow(answer.ms, 1000)
      assert.isBelow(during.ms, 10_000)

      // Redis back (empty, as after a restart without persistence)
      redis = await startRedis()
      const toReady = await readyTurns(200, 10_000)
      assert.equal((await timed('/admin/login')).status, 200)
      const after = await shop(product.handle, variants[0].id, shippingMethodId, 'after')
      assert.isNotNull(after.order)

      // Redis stopped (accepts connections, never answers): bounded by the command timeout
      redis.kill('SIGSTOP')
      const toNotReadyStopped = await readyTurns(503, 1000)
      const stalled = await shop(product.handle, variants[0].id, shippingMethodId, 'stalled')
      assert.isNotNull(stalled.order, 'an order is placed while Redis hangs')
      assert.equal((await timed('/admin/login')).status, 503)
      redis.kill('SIGCONT')
      const toReadyContinued = await readyTurns(200, 10_000)

      // every connection has an error listener: ioredis prints nothing of its own on each retry,
      // and the log says once that Redis went away and once that it came back
      assert.notInclude(server.errors(), 'Unhandled error event')
      const messages = server
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => String(JSON.parse(line).msg))
      const said = (pattern: RegExp) => messages.filter((message) => pattern.test(message)).length
      assert.equal(said(/^Redis is unreachable/), 1, 'one warning for the outage')
      assert.equal(said(/^Redis is back$/), 1, 'one line when it is back')
      assert.equal(said(/^Redis connection failure/), 0, 'no line per retry')

      console.log(
        `Redis outage: ready → 503 in ${Math.round(toNotReady)} ms after kill, ${Math.round(toNotReadyStopped)} ms after SIGSTOP; ` +
          `visit with Redis ${Math.round(before.ms)} ms, killed ${Math.round(during.ms)} ms, stopped ${Math.round(stalled.ms)} ms; ` +
          `back to 200 in ${Math.round(toReady)} ms after restart, ${Math.round(toReadyContinued)} ms after SIGCONT`
      )
    } catch (error) {
      console.error(server.errors())
      console.error(server.logs().split('\n').filter((line) => line.includes('Redis')).join('\n'))
      throw error
    } finally {
      server.stop()
      redis.kill('SIGCONT')
      redis.kill('SIGKILL')
    }
  }).timeout(180_000)
})
