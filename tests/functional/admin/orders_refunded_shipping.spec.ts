import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import RunFulfillment from '#actions/orders/run_fulfillment'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder, stockOf, lineCounters } from '#tests/helpers/admin_orders'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const pageOf = (order: Order) => `/admin/orders/${order.id}`
const BULK = '/admin/orders/bulk-fulfillments'

function entry(field: 'lines' | 'restock', index: number, orderLineId: number, quantity: number) {
  return { [`${field}[${index}][id]`]: String(orderLineId), [`${field}[${index}][quantity]`]: String(quantity) }
}

async function operationOf(location: string | null) {
  const id = Number(/\/bulk-fulfillments\/(\d+)$/.exec(location ?? '')?.[1])
  return db.from('bulk_operations').where('id', id).firstOrFail()
}

async function workJobs() {
  const { queue } = await outboxServices()
  await queue.drain(120_000)
}

async function shippedEmailsTo(order: Order) {
  return db.from('notification_messages').where('to_address', order.email).where('template', 'order_shipped')
}

/**
 * One ship rule (app/models/order_rules.ts) for every path that ships:
 * refunded and cancelled orders do not ship, and per line only what is
 * neither shipped nor refunded-and-restocked does. Before the rule was
 * shared, a fully refunded, restocked order was offered "fulfil", sat on
 * the pick list, shipped with an email and left stock one unit high.
 */
test.group('Admin | refunded orders do not ship', (group) => {
  group.each.setup(() => clearRateLimits())

  test('a fully refunded, restocked order: fulfil refused in words, off the pick list and the bulk run, no shipped email', async ({ assert }) => {
    const { order, lines, variants } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 2500 }] })
    const support = await signedInStaff('support')
    const refunded = await support.agent.submit(pageOf(order), `${pageOf(order)}/refunds`, {
      amount: '50.00',
      reason: 'never sent',
      ...entry('restock', 0, lines[0].id, 2),
      confirm: '1',
    })
    assert.equal(refunded.status, 303)
    assert.equal((await Order.findOrFail(order.id)).paymentStatus, 'refunded')
    const onHand = (await stockOf(variants[0].id)).onHand

    const { agent } = await signedInStaff('fulfillment')
    const page = await agent.get(pageOf(order))
    assert.notInclude(page.text, `action="${pageOf(order)}/fulfillments"`, 'no fulfil form for a refunded order')
    assert.notInclude(page.text, 'Mark as packed')
    assert.notInclude(page.text, '>Pick list</a>', 'nothing to pick, so no pick list button')

    const forced = await agent.submit(pageOf(order), `${pageOf(order)}/fulfillments`, { ...entry('lines', 0, lines[0].id, 1) })
    assert.equal(forced.status, 303)
    assert.equal(forced.location, pageOf(order))
    const after = await agent.get(pageOf(order))
    assert.include(after.text, `Order #${order.number} was refunded in full; a refunded order does not ship.`)
    assert.equal((await lineCounters(lines[0].id)).fulfilled, 0)

    const picks = await agent.get(`/admin/orders/pick-list?order_ids[]=${order.id}`)
    assert.equal(picks.status, 200)
    assert.notInclude(picks.text, `data-sku="${lines[0].sku}"`)
    assert.include(picks.text, 'Nothing left to pick for these orders.')

    const byFilter = await agent.submit('/admin/orders', `${BULK}?q=${order.number}`, { scope: 'filter' })
    const ticked = await agent.submit('/admin/orders', BULK, { 'scope': 'selected', 'order_ids[0]': String(order.id) })
    await workJobs()
    const filtered = await operationOf(byFilter.location)
    assert.deepEqual([filtered.status, Number(filtered.total), Number(filtered.succeeded)], ['done', 0, 0])
    const tickedRun = await operationOf(ticked.location)
    assert.deepEqual([tickedRun.status, Number(tickedRun.succeeded), Number(tickedRun.skipped)], ['done', 0, 1])
    const item = await db.from('bulk_operation_items').where('bulk_operation_id', tickedRun.id).firstOrFail()
    assert.include(item.reason, 'was refunded in full')

    const runFulfillment = await app.container.make(RunFulfillment)
    const dry = await runFulfillment.handle({ dryRun: true })
    assert.notInclude(dry.fulfilled.map((shipped) => shipped.number), order.number, 'the CLI run does not select it')
    const tracked = await runFulfillment.handle({ tracking: new Map([[order.number, { carrier: 'DHL', trackingNumber: 'X1', trackingUrl: null }]]) })
    assert.deepEqual(tracked.fulfilled, [])
    assert.equal(tracked.skipped[0]?.number, order.number)

    await settleOutbox(120_000)
    assert.lengthOf(await db.from('fulfillments').where('order_id', order.id), 0)
    assert.lengthOf(await shippedEmailsTo(order), 0)
    assert.equal((await stockOf(variants[0].id)).onHand, onHand, 'stock stays where the restock left it')
    assert.equal((await Order.findOrFail(order.id)).fulfillmentStatus, 'unfulfilled')
  }).timeout(180_000)

  test('a partly refunded order ships only the units not restocked, then counts as fulfilled', async ({ assert }) => {
    const { order, lines, variants } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 2500 }, { quantity: 1, unitPrice: 1000 }] })
    const support = await signedInStaff('support')
    await support.agent.submit(pageOf(order), `${pageOf(order)}/refunds`, {
      amount: '25.00',
      ...entry('restock', 0, lines[0].id, 1),
      confirm: '1',
    })
    assert.equal((await Order.findOrFail(order.id)).paymentStatus, 'partially_refunded')
    const onHand = (await stockOf(variants[0].id)).onHand

    const { agent } = await signedInStaff('fulfillment')
    const page = await agent.get(pageOf(order))
    assert.include(page.text, '>Pick list</a>')
    assert.include(page.text, `id="fulfill-line-${lines[0].id}" type="number" name="lines[0][quantity]" min="0" max="1"`, 'one unit of the first line is left to ship')
    const picks = await agent.get(`/admin/orders/pick-list?order_ids[]=${order.id}`)
    assert.match(picks.text, new RegExp(`data-sku="${lines[0].sku}">[\\s\\S]*?data-quantity>1<`))

    const over = await agent.submit(pageOf(order), `${pageOf(order)}/fulfillments`, { ...entry('lines', 0, lines[0].id, 2) })
    assert.equal(over.status, 409)
    assert.include(over.text, 'Only 1 unit of this line is left to fulfil.')

    const shipped = await agent.submit(pageOf(order), `${pageOf(order)}/fulfillments`, {
      ...entry('lines', 0, lines[0].id, 1),
      ...entry('lines', 1, lines[1].id, 1),
    })
    assert.equal(shipped.status, 303)
    const fresh = await Order.findOrFail(order.id)
    assert.deepEqual([fresh.status, fresh.fulfillmentStatus], ['completed', 'fulfilled'])
    assert.deepEqual(await lineCounters(lines[0].id), { fulfilled: 1, restocked: 1 })
    assert.equal((await stockOf(variants[0].id)).onHand, onHand, 'shipping takes nothing more off the shelf count than was committed')
  }).timeout(60_000)
})
