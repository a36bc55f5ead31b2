import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { settleOutbox } from '#tests/helpers/outbox'
import { analyticsSettings, configureAnalytics } from '#plugins/analytics/store_clock'
import { applyOrderFacts } from '#plugins/analytics/actions/apply_order_facts'
import { rebuildRollups } from '#plugins/analytics/actions/rebuild_rollups'
import { actualRollups, cancel, catalog, expectedRollups, pay, placeOrder, randomSource, refund, testCurrency } from './seeded_store.js'

/**
 * Each case seeds a store in its own currency and its own year, so cases
 * and other tests never share rollup rows. Instants are spread over a few
 * days and hours, near midnight often, so the store timezone decides days.
 */
const CASES = [
  { timezone: 'UTC', year: 2021 },
  { timezone: 'America/New_York', year: 2022 },
  { timezone: 'Asia/Kolkata', year: 2023 },
  { timezone: 'Pacific/Chatham', year: 2019 },
]

async function seedStore(seed: number, currency: string, year: number) {
  const random = randomSource(seed)
  const variants = await catalog(3)
  // 3 March: around the start of US daylight saving time in 2019–2023 for some cases
  const start = DateTime.utc(year, 3, 8, 0, 0)
  const instant = (after: DateTime) => after.plus({ hours: random.int(0, 40), minutes: random.int(0, 59) })
  const orders = []
  for (let index = 0; index < 14; index++) {
    const placedAt = start.plus({ hours: random.int(0, 96), minutes: random.int(0, 59) })
    const order = await placeOrder(random, variants, currency, placedAt)
    const fate = random.next()
    if (fate < 0.15) {
      await cancel(order, instant(placedAt)) // cancelled unpaid: not a sale
    } else if (fate > 0.2) {
      const paidAt = instant(placedAt)
      await pay(order, paidAt)
      const refunds = random.next()
      if (refunds < 0.3) {
        const first = random.int(1, Math.max(1, Math.floor(order.total / 2)))
        const firstAt = instant(paidAt)
        await refund(order, first, firstAt)
        if (random.next() < 0.5 && order.total - first > 0) await refund(order, order.total - first, instant(firstAt))
      } else if (refunds < 0.45) {
        const refundedAt = instant(paidAt)
        await refund(order, order.total, refundedAt)
        if (random.next() < 0.6) await cancel(order, instant(refundedAt)) // a counted sale, then cancelled
      }
    } // else: left unpaid
    orders.push(order)
  }
  return orders
}

test.group('Analytics | rollups equal a direct aggregation over orders', (group) => {
  const original = analyticsSettings()
  group.each.teardown(() => configureAnalytics(original))

  for (const { timezone, year } of CASES) {
    test('{timezone}: events, replay and rebuild all give the orders’ own figures')
      .with([{ timezone, year }])
      .timeout(90_000)
      .run(async ({ assert }, { timezone: zone, year: seedYear }) => {
        configureAnalytics({ ...original, timezone: zone })
        const currency = testCurrency()
        const seed = Date.now() % 1_000_000
        const orders = await seedStore(seed, currency, seedYear)
        await settleOutbox(60_000)

        const expected = await expectedRollups(currency, zone)
        assert.isAbove(Object.keys(expected.sales).length, 1, `seed ${seed}: sales on several days`)
        const afterEvents = await actualRollups(currency)
        assert.deepEqual(afterEvents, expected, `seed ${seed} (${zone}): rollups from events`)

        // Replaying every event of these orders counts nothing again.
        let replayed = 0
        for (const order of orders) {
          for (const kind of ['paid', 'refunded', 'cancelled'] as const) replayed += await applyOrderFacts(order.id, kind, 1)
        }
        assert.equal(replayed, 0)
        assert.deepEqual(await actualRollups(currency), expected, `seed ${seed}: replay changed nothing`)

        // A rebuild of the seeded days from scratch gives the same rows, twice over.
        const days = Object.keys(expected.sales)
        const range = { from: days[0], to: days[days.length - 1] }
        await db.from('analytics_daily_sales').where('currency', currency).delete()
        await db.from('analytics_daily_products').where('currency', currency).delete()
        const rebuilt = await rebuildRollups(range)
        assert.isAbove(rebuilt.facts, 0)
        assert.deepEqual(await actualRollups(currency), expected, `seed ${seed}: rebuilt`)
        await rebuildRollups(range)
        assert.deepEqual(await actualRollups(currency), expected, `seed ${seed}: rebuilt again`)
      })
  }
})
