import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { cli } from '#tests/cli/helpers'
import { catalog, pay, placeOrder, randomSource, testCurrency } from '#tests/plugins/analytics/seeded_store'

test.group('CLI | analytics rebuild', () => {
  test('rebuilds a range from the orders, the same on every run', async ({ assert }) => {
    const currency = testCurrency()
    const variants = await catalog(1)
    const random = randomSource(11)
    const paidAt = DateTime.utc(2020, 6, 15, 12)
    const order = await placeOrder(random, variants, currency, paidAt)
    await pay(order, paidAt)
    // no outbox settled: only the rebuild counts this sale

    const first = await cli('analytics', 'rebuild', '--from', '2020-06-15', '--to', '2020-06-15', '--json')
    assert.equal(first.code, 0, first.stderr)
    assert.deepInclude(first.json(), { from: '2020-06-15', to: '2020-06-15', days: 1 })
    const row = await db.from('analytics_daily_sales').where({ day: '2020-06-15', currency }).firstOrFail()
    assert.equal(Number(row.orders), 1)
    assert.equal(Number(row.total_sales), order.total)

    const again = await cli('analytics', 'rebuild', '--from', '2020-06-15', '--to', '2020-06-15')
    assert.equal(again.code, 0)
    assert.match(again.stdout, /^Rebuilt 1 day\(s\), 2020-06-15 to 2020-06-15/)
    const rows = await db.from('analytics_daily_sales').where({ currency })
    assert.lengthOf(rows, 1)
    assert.equal(Number(rows[0].orders), 1)
  })

  test('bad dates are usage errors', async ({ assert }) => {
    assert.equal((await cli('analytics', 'rebuild', '--from', '2020-13-01')).code, 2)
    const reversed = await cli('analytics', 'rebuild', '--from', '2020-02-01', '--to', '2020-01-01')
    assert.equal(reversed.code, 2)
    assert.include(reversed.stderr, '--from must not be after --to')
  })
})
