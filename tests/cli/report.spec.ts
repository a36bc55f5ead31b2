import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { paidOrder } from '#tests/helpers/admin_orders'
import { settleOutbox } from '#tests/helpers/outbox'
import { cli } from '#tests/cli/helpers'

const today = () => DateTime.utc().toISODate()!

async function todayFigures() {
  const result = await cli('report', 'sales', '--from', today(), '--to', today(), '--format', 'json')
  if (result.code !== 0) throw new Error(result.stderr)
  const [row] = result.json().rows
  return row
}

test.group('CLI | report sales', () => {
  test('counts paid orders from the rollups, per day and month, as table, CSV and JSON', async ({ assert }) => {
    await settleOutbox()
    const before = await todayFigures()
    const a = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1250 }] })
    const b = await paidOrder({ lines: [{ quantity: 1, unitPrice: 4000 }] })
    await settleOutbox()
    const after = await todayFigures()

    assert.equal(after.orders - before.orders, 2)
    assert.equal(after.units - before.units, 3)
    const added = (a.order.total + b.order.total) / 100
    assert.closeTo(Number(after.total_sales) - Number(before.total_sales), added, 0.001)

    const month = await cli('report', 'sales', '--from', today(), '--to', today(), '--group-by', 'month', '--format', 'csv')
    assert.equal(month.code, 0, month.stderr)
    const [header, line] = month.stdout.trim().split('\n')
    assert.equal(header, 'period,orders,units,gross_sales,discounts,returns,refunds,total_sales,net_sales')
    const [period, orders] = line.split(',')
    assert.equal(period, DateTime.utc().startOf('month').toISODate())
    // the month holds today's orders, and any other day's this month
    assert.isAtLeast(Number(orders), after.orders)

    const table = await cli('report', 'sales', '--from', today(), '--to', today())
    assert.match(table.stdout, /Sales in USD, per day/)
  })

  test('bad ranges and options exit 2', async ({ assert }) => {
    assert.equal((await cli('report', 'sales', '--from', '2025-02-01', '--to', '2025-01-01')).code, 2)
    assert.equal((await cli('report', 'sales', '--from', '2025-13-01', '--to', '2025-01-01')).code, 2)
    assert.equal((await cli('report', 'sales', '--from', '2025-01-01', '--to', '2025-01-31', '--group-by', 'year')).code, 2)
    assert.equal((await cli('report', 'sales', '--from', '2025-01-01', '--to', '2025-01-31', '--format', 'xml')).code, 2)
  })
})
