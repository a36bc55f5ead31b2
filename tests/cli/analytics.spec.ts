import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { cli } from '#tests/cli/helpers'
import { buyers, catalog, pay, placeOrder, randomSource, testCurrency } from '#tests/plugins/analytics/seeded_store'

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
    assert.match(again.stdout, /^Rebuilt 1 day, 2020-06-15 to 2020-06-15/)
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

test.group('CLI | report analytics', () => {
  test('prints any dashboard chart from the rollups, as JSON, CSV or a table', async ({ assert }) => {
    const currency = testCurrency()
    const [us, fr] = await buyers(currency)
    const variants = await catalog(1)
    const random = randomSource(5)
    const paidAt = DateTime.utc(2020, 8, 3, 12)
    const first = await placeOrder(random, variants, currency, paidAt, us)
    const second = await placeOrder(random, variants, currency, paidAt.plus({ days: 1 }), us)
    const third = await placeOrder(random, variants, currency, paidAt, fr)
    for (const order of [first, second, third]) await pay(order, order.placedAt!)
    const rebuilt = await cli('analytics', 'rebuild', '--from', '2020-08-01', '--to', '2020-08-31')
    assert.equal(rebuilt.code, 0, rebuilt.stderr)

    const range = ['--from', '2020-08-01', '--to', '2020-08-31', '--currency', currency]
    const countries = await cli('report', 'analytics', 'countries', ...range, '--format', 'json')
    assert.equal(countries.code, 0, countries.stderr)
    const money = (minor: number) => (minor / 100).toFixed(2)
    assert.deepEqual(countries.json().rows.map((row: any) => [row.country, row.orders, row.total_sales]).sort(), [
      ['FR', 1, money(third.total)],
      ['US', 2, money(first.total + second.total)],
    ])

    const customers = await cli('report', 'analytics', 'customers', ...range, '--format', 'json')
    const days = Object.fromEntries(customers.json().rows.map((row: any) => [row.day, row]))
    assert.isAtLeast(days['2020-08-03'].new_customers, 2)
    assert.isAtLeast(days['2020-08-04'].returning_customers, 1)

    const values = await cli('report', 'analytics', 'values', ...range, '--format', 'csv')
    const lines = values.stdout.trim().split('\n')
    assert.equal(lines[0], 'lifetime_value_from,lifetime_value_to,currency,customers')
    assert.equal(lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[3]), 0), 2)

    const table = await cli('report', 'analytics', 'variants', ...range)
    assert.equal(table.code, 0)
    assert.match(table.stdout, new RegExp(`^variants 2020-08-01 to 2020-08-31 \\(${currency}\\)`))
    assert.include(table.stdout, variants[0].title)
  })

  test('an unknown chart, format or range exits 2', async ({ assert }) => {
    const range = ['--from', '2020-08-01', '--to', '2020-08-31']
    assert.equal((await cli('report', 'analytics', 'secrets', ...range)).code, 2)
    assert.equal((await cli('report', 'analytics', 'funnel', ...range, '--format', 'xml')).code, 2)
    assert.equal((await cli('report', 'analytics', 'funnel', '--from', '2020-01-01', '--to', '2021-06-01')).code, 2)
  })
})
