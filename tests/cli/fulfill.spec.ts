import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import Fulfillment from '#models/fulfillment'
import app from '@adonisjs/core/services/app'
import FulfillOrder from '#actions/orders/fulfill_order'
import { paidOrder, pendingOrder } from '#tests/helpers/admin_orders'
import { cli, tempFile } from '#tests/cli/helpers'
import { parseAge } from '#cli/commands/fulfill'

const fulfillOrder: FulfillOrder['handle'] = async (...args) => (await app.container.make(FulfillOrder)).handle(...args)

/** Ships every other open order first, so each test sees only its own. */
async function clearBacklog() {
  const result = await cli('fulfill', '--json')
  return result
}

test.group('CLI | fulfill', (group) => {
  group.each.setup(async () => {
    await clearBacklog()
  })

  test('ships the paid orders left to ship, with a pick list, once; unpaid orders stay', async ({ assert }) => {
    const a = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }, { quantity: 1, unitPrice: 500 }] })
    const b = await paidOrder({ lines: [{ quantity: 3, unitPrice: 700 }] })
    const unpaid = await pendingOrder()
    const picks = tempFile(`picks-${Date.now()}.csv`)

    const dry = await cli('fulfill', '--dry-run', '--pick-list', picks, '--json')
    assert.equal(dry.code, 0, dry.stderr)
    assert.deepInclude(dry.json(), { selected: 2, dryRun: true })
    assert.equal((await Fulfillment.query().where('order_id', a.order.id)).length, 0, 'a dry run ships nothing')
    const rows: Record<string, string>[] = parse(readFileSync(picks), { columns: true })
    assert.sameMembers(rows.map((row) => Number(row.quantity)), [2, 1, 3])
    assert.include(rows.find((row) => Number(row.quantity) === 3)!.orders, `#${b.order.number}`)

    const run = await cli('fulfill', '--carrier', 'Royal Mail')
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /Fulfilled 2 of 2 orders \(6 units\)/)
    for (const placed of [a, b]) {
      const order = await Order.findOrFail(placed.order.id)
      assert.equal(order.fulfillmentStatus, 'fulfilled')
      assert.equal(order.status, 'completed')
      const fulfillment = await Fulfillment.query().where('order_id', order.id).firstOrFail()
      assert.equal(fulfillment.carrier, 'Royal Mail')
    }
    assert.equal((await Order.findOrFail(unpaid.order.id)).fulfillmentStatus, 'unfulfilled')

    const again = await cli('fulfill', '--json')
    assert.deepInclude(again.json(), { selected: 0, fulfilled: [] })
    assert.equal((await Fulfillment.query().where('order_id', a.order.id)).length, 1, 'never shipped twice')
  })

  test('a tracking file ships just those orders with their tracking; unknown numbers are reported, exit 1', async ({ assert }) => {
    const a = await paidOrder()
    const b = await paidOrder()
    const file = tempFile(`tracking-${Date.now()}.csv`, [
      'order,carrier,tracking_number,tracking_url',
      `#${a.order.number},DHL,JD0001,https://track.example/JD0001`,
      '999999,DHL,JD0002,',
    ].join('\n'))

    const run = await cli('fulfill', '--tracking', file, '--json')
    assert.equal(run.code, 1)
    const result = run.json()
    assert.deepEqual(result.fulfilled.map((f: { number: number }) => f.number), [a.order.number])
    assert.deepEqual(result.skipped.map((s: { number: number }) => s.number), [999999])
    const fulfillment = await Fulfillment.query().where('order_id', a.order.id).firstOrFail()
    assert.deepInclude(fulfillment.serialize(), { carrier: 'DHL', trackingNumber: 'JD0001', trackingUrl: 'https://track.example/JD0001' })
    assert.equal((await Order.findOrFail(b.order.id)).fulfillmentStatus, 'unfulfilled')
  })

  test('an order staff partly shipped meanwhile gets only what is left; bad usage exits 2', async ({ assert }) => {
    const placed = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }] })
    const [line] = await db.from('order_lines').where('order_id', placed.order.id)
    // staff ship one unit in the admin; the run ships the other one
    await fulfillOrder(placed.order.id, { lines: [{ orderLineId: line.id, quantity: 1 }] }, { type: 'staff', id: 1 })
    const run = await cli('fulfill', '--json')
    assert.equal(run.code, 0, run.stderr)
    assert.deepInclude(run.json().fulfilled, { number: placed.order.number, units: 1 })
    const [after] = await db.from('order_lines').where('order_id', placed.order.id)
    assert.equal(Number(after.fulfilled_quantity), 2)

    assert.equal((await cli('fulfill', '--older-than', 'soon')).code, 2)
    assert.equal((await cli('fulfill', '--limit', '0')).code, 2)
    assert.equal((await cli('fulfill', '--tracking', '/nonexistent.csv')).code, 2)
    assert.equal(parseAge('90m'), 90)
    assert.equal(parseAge('2h'), 120)
    assert.equal(parseAge('1d'), 1440)
  })
})
