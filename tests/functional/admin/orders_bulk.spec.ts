import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import { readableChanges } from '#queries/audit_changes'
import app from '@adonisjs/core/services/app'
import RunFulfillment from '#actions/orders/run_fulfillment'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder, pendingOrder } from '#tests/helpers/admin_orders'
import { paidOrdersInBulk } from '#tests/helpers/bulk_orders'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const BULK = '/admin/orders/bulk-fulfillments'
/** Just over one page of the orders list (50 a page). */
const BULK_ORDERS = 55

async function operationOf(location: string | null) {
  const id = Number(/\/bulk-fulfillments\/(\d+)$/.exec(location ?? '')?.[1])
  return db.from('bulk_operations').where('id', id).firstOrFail()
}

async function workJobs() {
  const { queue } = await outboxServices()
  await queue.drain(120_000)
}

async function fulfillmentsPerOrder(ids: number[]) {
  const rows = await db.from('fulfillments').whereIn('order_id', ids).groupBy('order_id').select('order_id').count('* as shipments')
  return new Map(rows.map((row) => [Number(row.order_id), Number(row.shipments)]))
}

async function shippedEmails(tag: string) {
  const rows = await db.from('notification_messages').where('template', 'order_shipped').whereLike('to_address', `${tag}-%`).select('to_address')
  return { total: rows.length, recipients: new Set(rows.map((row) => row.to_address)).size }
}

test.group('Admin | bulk fulfillment', (group) => {
  group.each.setup(() => clearRateLimits())

  test('ticked orders ship in a job; one that cannot ship is listed with the reason; progress stops polling when done', async ({ assert }) => {
    const a = await paidOrder()
    const b = await paidOrder({ lines: [{ quantity: 1, unitPrice: 900 }, { quantity: 3, unitPrice: 100 }] })
    const unpaid = await pendingOrder()
    const { agent, staff } = await signedInStaff('fulfillment')

    const list = await agent.get('/admin/orders')
    assert.include(list.text, `name="order_ids[]" value="${a.order.id}"`)
    const started = await agent.submit('/admin/orders', BULK, {
      'scope': 'selected',
      'carrier': 'DHL',
      'order_ids[0]': String(a.order.id),
      'order_ids[1]': String(b.order.id),
      'order_ids[2]': String(unpaid.order.id),
    })
    assert.equal(started.status, 303, started.text.slice(0, 3000))
    const operation = await operationOf(started.location)
    assert.equal(Number(operation.total), 3)
    const page = await agent.get(started.location!)
    assert.include(page.text, 'hx-trigger="every 1s"')
    assert.include(page.text, `href="${started.location}">Refresh`)

    await workJobs()
    const fragment = await agent.get(started.location!, { 'hx-request': 'true' })
    assert.notInclude(fragment.text, 'hx-trigger')
    assert.include(fragment.text, 'data-status="done"')
    assert.match(fragment.text, /data-succeeded>2</)
    assert.match(fragment.text, /data-skipped>1</)
    assert.include(fragment.text, `#${unpaid.order.number}`)
    assert.include(fragment.text, 'cannot be fulfilled while it is pending')

    const shipped = await db.from('fulfillments').whereIn('order_id', [a.order.id, b.order.id]).select('carrier', 'order_id')
    assert.lengthOf(shipped, 2)
    assert.deepEqual([...new Set(shipped.map((row) => row.carrier))], ['DHL'])
    const lines = await db.from('order_lines').where('order_id', b.order.id).select('quantity', 'fulfilled_quantity')
    assert.isTrue(lines.every((line) => Number(line.quantity) === Number(line.fulfilled_quantity)))
    const audit = await AuditLog.query().where('action', 'order.fulfill').where('subject_id', String(a.order.id)).firstOrFail()
    assert.equal(audit.actorId, staff.id, 'each shipment is audited as the staff member who started the run')
    const runs = await AuditLog.query().where('action', 'order.bulk_fulfill').where('actor_id', staff.id)
    assert.lengthOf(runs, 1)
    // the run's size is a count of orders, and the audit log reads it as one (not "$0.03")
    const size = readableChanges(runs[0].changes).find((line) => line.field === 'Orders')
    assert.equal(size?.after, '3')
  }).timeout(60_000)

  test('support may watch but not start a bulk fulfillment; an empty selection is refused', async ({ assert }) => {
    const placed = await paidOrder()
    const support = await signedInStaff('support')
    const before = await db.from('bulk_operations').count('* as total').first()
    const refused = await support.agent.submit('/admin/orders', BULK, { 'scope': 'selected', 'order_ids[0]': String(placed.order.id) })
    assert.equal(refused.status, 403)
    assert.notInclude((await support.agent.get('/admin/orders')).text, 'name="order_ids[]"')

    const { agent } = await signedInStaff('fulfillment')
    const empty = await agent.submit('/admin/orders', BULK, { scope: 'selected' })
    assert.equal(empty.status, 303)
    assert.equal(empty.location, '/admin/orders')
    const after = await db.from('bulk_operations').count('* as total').first()
    assert.equal(Number(after.total), Number(before.total))
  })

  // The 1,000-order run is a bench (npm run bench:bulk); this is the same run at a size the suite affords.
  test('orders matching a filter, over more than one page, ship once each, one email each; a second run ships nothing', async ({ assert }) => {
    const { tag, ids } = await paidOrdersInBulk(BULK_ORDERS)
    const { agent } = await signedInStaff('fulfillment')
    const listPath = `/admin/orders?q=${tag}&fulfillment=unfulfilled`
    const list = await agent.get(listPath)
    assert.include(list.text, 'Page 1 of 2') // the matches span pages: "all matching" must not mean "this page"

    const first = await agent.submit(listPath, `${BULK}?q=${tag}&fulfillment=unfulfilled`, { scope: 'filter', carrier: 'UPS' })
    assert.equal(first.status, 303)
    assert.equal(Number((await operationOf(first.location)).total), BULK_ORDERS)
    await workJobs()
    await settleOutbox(120_000)

    const done = await operationOf(first.location)
    assert.deepInclude(done, { status: 'done' })
    assert.deepEqual([Number(done.processed), Number(done.succeeded), Number(done.skipped), Number(done.failed)], [BULK_ORDERS, BULK_ORDERS, 0, 0])
    const shipments = await fulfillmentsPerOrder(ids)
    assert.equal(shipments.size, BULK_ORDERS)
    assert.isTrue([...shipments.values()].every((count) => count === 1))
    const statuses = await db.from('orders').whereIn('id', ids).groupBy('status', 'fulfillment_status').select('status', 'fulfillment_status').count('* as n')
    assert.deepEqual(statuses.map((row) => [row.status, row.fulfillment_status, Number(row.n)]), [['completed', 'fulfilled', BULK_ORDERS]])
    assert.deepEqual(await shippedEmails(tag), { total: BULK_ORDERS, recipients: BULK_ORDERS })

    // the same filter again selects nothing; ticking shipped orders reports them skipped
    const again = await agent.submit(listPath, `${BULK}?q=${tag}`, { scope: 'filter' })
    const ticked = await agent.submit(listPath, BULK, { 'scope': 'selected', 'order_ids[0]': String(ids[0]), 'order_ids[1]': String(ids[1]) })
    await workJobs()
    await settleOutbox(120_000)
    const secondFilter = await operationOf(again.location)
    const secondTicked = await operationOf(ticked.location)
    assert.deepEqual([secondFilter.status, Number(secondFilter.total), Number(secondFilter.succeeded)], ['done', 0, 0])
    assert.deepEqual([secondTicked.status, Number(secondTicked.succeeded), Number(secondTicked.skipped)], ['done', 0, 2])
    assert.isTrue([...(await fulfillmentsPerOrder(ids)).values()].every((count) => count === 1))
    assert.deepEqual(await shippedEmails(tag), { total: BULK_ORDERS, recipients: BULK_ORDERS })
  }).timeout(180_000)

  test('a bulk run beside the CLI fulfillment run ships every order exactly once', async ({ assert }) => {
    const { tag, ids } = await paidOrdersInBulk(60)
    const { agent } = await signedInStaff('fulfillment')
    const started = await agent.submit('/admin/orders', `${BULK}?q=${tag}`, { scope: 'filter' })
    const [cli] = await Promise.all([(await app.container.make(RunFulfillment)).handle(), workJobs()])
    const operation = await operationOf(started.location)

    const shipments = await fulfillmentsPerOrder(ids)
    assert.equal(shipments.size, 60)
    assert.isTrue([...shipments.values()].every((count) => count === 1))
    const numbers = new Set((await db.from('orders').whereIn('id', ids).select('number')).map((row) => Number(row.number)))
    const byCli = cli.fulfilled.filter((entry) => numbers.has(entry.number)).length
    assert.equal(Number(operation.succeeded) + byCli, 60)
    assert.equal(Number(operation.processed), Number(operation.succeeded) + Number(operation.skipped))
  }).timeout(300_000)
})
