import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { ProductFactory } from '#database/factories/product_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { stockedVariants } from '#tests/helpers/checkout'
import { addToCart } from '#tests/helpers/checkout_flow'
import { settleOutbox } from '#tests/helpers/outbox'
import { signedInStaff } from '#tests/helpers/staff_session'
import { StorefrontTraffic, storefrontTraffic } from '#services/storefront_traffic'
import { analyticsSettings, configureAnalytics, storeToday } from '#plugins/analytics/store_clock'
import ApplyTrafficCounts from '#plugins/analytics/actions/apply_traffic_counts'

/** What this process counted and has not flushed yet, summed. */
function pendingTotals() {
  const totals = { visits: 0, carts: 0, checkouts: 0 }
  for (const bucket of storefrontTraffic.pending()) {
    for (const step of ['visits', 'carts', 'checkouts'] as const) totals[step] += bucket[step]
  }
  return totals
}

async function funnelDay(day: string) {
  const row = await db.from('analytics_daily_funnel').where('day', day).first()
  return { visits: Number(row?.visits ?? 0), carts: Number(row?.carts ?? 0), checkouts: Number(row?.checkouts ?? 0) }
}

test.group('Analytics | storefront funnel counts', (group) => {
  const original = analyticsSettings()
  group.each.teardown(() => configureAnalytics(original))

  test('visits are counted on entry, warm cached pages included, with no SQL and no cookie', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const path = `/products/${product.handle}`
    const agent = new HttpAgent()
    const before = pendingTotals().visits

    const cold = await agent.get(path, { 'sec-fetch-site': 'none', 'sec-fetch-dest': 'document' })
    assert.equal(cold.status, 200)
    const warm = await agent.get(path, { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'document' })
    assert.equal(warm.headers.get('x-query-count'), '0', 'a warm page stays free of SQL')
    assert.isNull(warm.headers.get('set-cookie'), 'counting sets no cookie')
    // not a new visit: a click inside the store, an htmx swap, a bot, an asset, the back-office
    await agent.get(path, { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'document' })
    await agent.get(path, { 'sec-fetch-site': 'none', 'hx-request': 'true' })
    await agent.get(path, { 'sec-fetch-site': 'none', 'user-agent': 'Googlebot/2.1' })
    await agent.get('/css/app.css', { 'sec-fetch-site': 'none' })
    await agent.get('/admin/sign-in', { 'sec-fetch-site': 'none' })
    // old browsers without Sec-Fetch-*: the Referer decides
    await agent.get(path, { referer: `http://127.0.0.1:${process.env.PORT}/` })
    await agent.get(path, { referer: 'https://search.example/?q=shoes' })

    assert.equal(pendingTotals().visits - before, 3)
  })

  test('carts and checkouts are counted once each, flushed as one event and added once', async ({ assert }) => {
    const { variants } = await stockedVariants([{ price: 2500, stock: 10 }])
    await storefrontTraffic.flush()
    await settleOutbox()
    const today = storeToday()
    const before = await funnelDay(today)

    const agent = new HttpAgent()
    await agent.get('/', { 'sec-fetch-site': 'none', 'sec-fetch-dest': 'document' })
    await addToCart(agent, variants[0].id, 1)
    await addToCart(agent, variants[0].id, 1) // the same cart
    assert.equal((await agent.get('/checkout')).status, 200)
    assert.equal((await agent.get('/checkout')).status, 200) // shown again: still one checkout
    const counted = pendingTotals()
    assert.isAtLeast(counted.visits, 1)
    assert.isAtLeast(counted.carts, 1)
    assert.isAtLeast(counted.checkouts, 1)

    const event = await storefrontTraffic.flush()
    assert.exists(event)
    assert.deepEqual(storefrontTraffic.pending(), [])
    await settleOutbox()
    const after = await funnelDay(today)
    assert.deepEqual(
      { visits: after.visits - before.visits, carts: after.carts - before.carts, checkouts: after.checkouts - before.checkouts },
      counted
    )

    // a redelivered event adds nothing
    assert.isFalse(await new ApplyTrafficCounts().handle(event!.payload as never, event!.id))
    assert.deepEqual(await funnelDay(today), after)

    const { agent: staff } = await signedInStaff('analyst')
    const page = await staff.get('/admin/analytics?range=today')
    assert.match(page.text, new RegExp(`<th scope="row">Checkouts</th><td>${after.checkouts}</td>`))
    const csv = await staff.get('/admin/analytics/export.csv?chart=funnel&range=today')
    assert.include(csv.text, `step,count,rate_from_previous_pct\r\nvisits,${after.visits},\r\ncarts,${after.carts},`)
  }).timeout(60_000)

  test('quarter-hour buckets land on the store day, in a +12:45 zone too', async ({ assert }) => {
    configureAnalytics({ ...original, timezone: 'Pacific/Chatham' })
    // 11:15 UTC is 00:00 the next day in Chatham (UTC+12:45 in its winter, 2018-07)
    let now = DateTime.fromISO('2018-07-10T11:14:59Z').toMillis()
    const traffic = new StorefrontTraffic(() => now)
    traffic.count('visits', 5)
    now = DateTime.fromISO('2018-07-10T11:15:00Z').toMillis()
    traffic.count('visits', 7)
    traffic.count('carts')
    assert.deepEqual(traffic.pending(), [
      { at: '2018-07-10T11:00:00.000Z', visits: 5, carts: 0, checkouts: 0 },
      { at: '2018-07-10T11:15:00.000Z', visits: 7, carts: 1, checkouts: 0 },
    ])
    await db.from('analytics_daily_funnel').whereIn('day', ['2018-07-10', '2018-07-11']).delete()
    const event = await traffic.flush()
    assert.isTrue(await new ApplyTrafficCounts().handle(event!.payload as never, event!.id))
    assert.deepEqual(await funnelDay('2018-07-10'), { visits: 5, carts: 0, checkouts: 0 })
    assert.deepEqual(await funnelDay('2018-07-11'), { visits: 7, carts: 1, checkouts: 0 })
  })
})
