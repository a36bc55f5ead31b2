import { randomBytes, randomInt } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { dbTimestamp } from '#services/db_time'
import { ProductFactory } from '#database/factories/product_factory'
import { cli } from '#tests/cli/helpers'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/** A year of its own per run: the database is shared, and every count below is exact. */
const year = randomInt(2200, 9000)
const at = (date: string) => dbTimestamp(db.connection(), DateTime.fromISO(`${year}-${date}`, { zone: 'UTC' }) as DateTime<true>)

async function customer(email: string, createdAt: string) {
  const [row] = await db
    .table('customers')
    .insert({ email: `${email}-${year}-${randomBytes(3).toString('hex')}@example.com`, first_name: email, accepts_marketing: false, created_at: at(createdAt), updated_at: at(createdAt) })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

async function order(customerId: number | null, total: number, placedAt: string, paymentStatus = 'paid') {
  const [row] = await db.table('orders').insert({
    number: randomInt(100_000_000, 2_000_000_000),
    public_token: randomBytes(24).toString('base64url'),
    customer_id: customerId,
    email: 'buyer@example.com',
    currency: 'USD',
    status: 'open',
    payment_status: paymentStatus,
    subtotal: total,
    total,
    placed_at: at(placedAt),
    created_at: at(placedAt),
    updated_at: at(placedAt),
  }).returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

async function refund(orderId: number, amount: number, status = 'succeeded') {
  await db.table('refunds').insert({ order_id: orderId, amount, status, created_at: at('04-01T00:00:00'), updated_at: at('04-01T00:00:00') })
}

test.group('CLI | report customers', () => {
  test('new, ordering and returning customers, revenue per customer and the top customers', async ({ assert }) => {
    const ada = await customer('ada', '01-10T09:00:00') // signed up before March, first paid in January
    const bob = await customer('bob', '03-02T09:00:00')
    await customer('cy', '03-20T09:00:00') // signs up, never pays
    await order(ada, 5000, '01-15T12:00:00')
    await order(ada, 12000, '03-03T12:00:00')
    await order(ada, 3000, '03-25T12:00:00')
    await order(bob, 4000, '03-03T15:00:00')
    await order(bob, 9999, '03-04T15:00:00', 'pending') // never paid: not counted
    await order(null, 7000, '03-03T16:00:00') // a guest: no customer

    const month = await cli('report', 'customers', '--from', `${year}-03-01`, '--to', `${year}-03-31`, '--group-by', 'month', '--format', 'json')
    assert.equal(month.code, 0, month.stderr)
    const report = month.json()
    assert.deepEqual(report.rows, [
      { period: `${year}-03-01`, new_customers: 2, ordering_customers: 2, returning_customers: 1, orders: 3, revenue: '190.00', revenue_per_customer: '95.00' },
    ])
    assert.deepEqual(report.topCustomers.map((row: any) => [row.name, row.orders, row.revenue]), [['ada', 2, '150.00'], ['bob', 1, '40.00']])

    // Per day: on the 3rd Ada had paid before (January), Bob had not.
    const days = (await cli('report', 'customers', '--from', `${year}-03-01`, '--to', `${year}-03-31`, '--format', 'csv')).stdout.trim().split('\n')
    assert.equal(days[0], 'period,new_customers,ordering_customers,returning_customers,orders,revenue,revenue_per_customer')
    assert.include(days, `${year}-03-03,0,2,1,2,160.00,80.00`)
    assert.include(days, `${year}-03-02,1,0,0,0,0.00,0.00`)
    assert.include(days, `${year}-03-25,0,1,1,1,30.00,30.00`)
    // a period with nothing in it still prints the header, so a script sees the columns
    const empty = await cli('report', 'customers', '--from', '1990-01-01', '--to', '1990-01-31', '--group-by', 'month', '--format', 'csv')
    assert.equal(empty.code, 0, empty.stderr)
    assert.equal(empty.stdout, 'period,new_customers,ordering_customers,returning_customers,orders,revenue,revenue_per_customer\n')

    const table = await cli('report', 'customers', '--from', `${year}-03-01`, '--to', `${year}-03-31`, '--group-by', 'week')
    assert.match(table.stdout, /Customers in USD, per week/)
    assert.match(table.stdout, /Top customers/)
  })

  test('revenue and the top customers are net of refunds, the lifetime value the admin shows', async ({ assert }) => {
    const dee = await customer('dee', '05-01T09:00:00')
    const eve = await customer('eve', '05-01T09:00:00')
    const big = await order(dee, 20000, '05-02T12:00:00', 'refunded')
    await refund(big, 20000)
    const kept = await order(eve, 6000, '05-03T12:00:00', 'partially_refunded')
    await refund(kept, 1000)
    await refund(kept, 500, 'failed') // a refund that did not go through gives nothing back

    const report = (await cli('report', 'customers', '--from', `${year}-05-01`, '--to', `${year}-05-31`, '--group-by', 'month', '--format', 'json')).json()
    assert.deepEqual(report.rows, [
      { period: `${year}-05-01`, new_customers: 2, ordering_customers: 2, returning_customers: 0, orders: 2, revenue: '50.00', revenue_per_customer: '25.00' },
    ])
    assert.deepEqual(report.topCustomers.map((row: any) => [row.name, row.orders, row.revenue]), [['eve', 1, '50.00'], ['dee', 1, '0.00']])

    const { customerDetail } = await import('#queries/admin_customer_detail_query')
    assert.equal((await customerDetail(eve))!.stats.lifetimeValue, 5000, 'the admin shows the same value')
    assert.equal((await customerDetail(dee))!.stats.lifetimeValue, 0)
  })

  test('bad options exit 2', async ({ assert }) => {
    assert.equal((await cli('report', 'customers', '--from', '2025-02-01', '--to', '2025-01-01')).code, 2)
    assert.equal((await cli('report', 'customers', '--from', '2025-01-01', '--to', '2025-01-31', '--group-by', 'year')).code, 2)
    assert.equal((await cli('report', 'inventory', '--from', '2025-01-01', '--to', '2025-01-31', '--format', 'xml')).code, 2)
    assert.equal((await cli('report', 'inventory', '--to', '2025-01-31')).code, 2)
  })
})

test.group('CLI | report inventory', () => {
  test('stock per variant and location with its value, movements per period and reason', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const variant = product.variants[0]
    await db.from('variants').where('id', variant.id).update({ cost: 250, price: 1000 })
    const inventory = inventoryPort
    await inventory.adjust({ variantId: variant.id, delta: 12, reason: 'received', actor: 'test' })
    const [{ id: location }] = await inventory.locations()
    const movement = (delta: number, reason: string, day: string) => ({
      variant_id: variant.id, location_id: location, delta, reason, actor: 'test', reference: null, on_hand_after: 0, created_at: at(day),
    })
    // A Monday in April of that year, two days after it, and the Monday after.
    const monday = DateTime.fromISO(`${year}-04-01`, { zone: 'UTC' }).startOf('week').plus({ weeks: 1 })
    const day = (offset: number) => `${monday.plus({ days: offset }).toFormat('MM-dd')}T10:00:00`
    await db.table('inventory_movements').multiInsert([
      movement(20, 'received', day(0)),
      movement(-3, 'sale', day(1)),
      movement(-2, 'sale', day(2)),
      movement(5, 'count', day(8)),
    ])

    const result = await cli('report', 'inventory', '--from', `${year}-04-01`, '--to', `${year}-04-30`, '--group-by', 'week', '--levels', '--format', 'json')
    assert.equal(result.code, 0, result.stderr)
    const report = result.json()
    assert.deepEqual(report.movements, [
      { period: monday.toISODate(), reason: 'received', units_in: 20, units_out: 0, net: 20, movements: 1 },
      { period: monday.toISODate(), reason: 'sale', units_in: 0, units_out: 5, net: -5, movements: 2 },
      { period: monday.plus({ weeks: 1 }).toISODate(), reason: 'count', units_in: 5, units_out: 0, net: 5, movements: 1 },
    ])
    const level = report.levels.find((row: any) => row.sku === variant.sku)
    assert.deepEqual(level, {
      sku: variant.sku, handle: product.handle, variant: variant.title, location: level.location,
      on_hand: 12, reserved: 0, available: 12, cost_value: '30.00', retail_value: '120.00',
    })
    assert.isAtLeast(report.stock.on_hand, 12)

    const csv = await cli('report', 'inventory', '--from', `${year}-04-01`, '--to', `${year}-04-30`, '--group-by', 'month', '--format', 'csv')
    assert.deepEqual(csv.stdout.trim().split('\n'), [
      'period,reason,units_in,units_out,net,movements',
      `${year}-04-01,count,5,0,5,1`,
      `${year}-04-01,received,20,0,20,1`,
      `${year}-04-01,sale,0,5,-5,2`,
    ])
    const table = await cli('report', 'inventory', '--from', `${year}-04-01`, '--to', `${year}-04-30`)
    assert.match(table.stdout, /Stock now \(USD\)/)
    assert.match(table.stdout, /Movements .* per day/)
  })
})
