import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import Payment from '#models/payment'
import AuditLog from '#models/audit_log'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder, pendingOrder, stockOf, lineCounters } from '#tests/helpers/admin_orders'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const pageOf = (order: Order) => `/admin/orders/${order.id}`

/** One row of a per-line form: `lines[0][id]=12&lines[0][quantity]=2`. */
function entry(field: 'lines' | 'restock', index: number, orderLineId: number, quantity: number) {
  return { [`${field}[${index}][id]`]: String(orderLineId), [`${field}[${index}][quantity]`]: String(quantity) }
}

async function auditsOf(orderId: number, action: string) {
  return AuditLog.query().where('subject_type', 'order').where('subject_id', String(orderId)).where('action', action).orderBy('id')
}

test.group('Admin | order actions: permissions', (group) => {
  group.each.setup(() => clearRateLimits())

  test('a fulfillment user ships but cannot refund or cancel', async ({ assert }) => {
    const { order, lines } = await paidOrder()
    const { agent } = await signedInStaff('fulfillment')
    const page = await agent.get(pageOf(order))
    assert.notInclude(page.text, `${pageOf(order)}/refunds`)
    assert.notInclude(page.text, `${pageOf(order)}/cancel`)
    assert.include(page.text, `${pageOf(order)}/fulfillments`)

    const refund = await agent.submit(pageOf(order), `${pageOf(order)}/refunds`, { amount: '10.00', confirm: '1' })
    assert.equal(refund.status, 403)
    const cancel = await agent.submit(pageOf(order), `${pageOf(order)}/cancel`, { reason: 'nope', confirm: '1' })
    assert.equal(cancel.status, 403)
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 0)
    assert.equal((await Order.findOrFail(order.id)).status, 'open')

    const shipped = await agent.submit(pageOf(order), `${pageOf(order)}/fulfillments`, { ...entry('lines', 0, lines[0].id, 1) })
    assert.equal(shipped.status, 303)
    assert.equal((await lineCounters(lines[0].id)).fulfilled, 1)
  })

  test('an analyst cannot mutate anything', async ({ assert }) => {
    const { order, lines } = await paidOrder()
    const { agent } = await signedInStaff('analyst')
    const page = await agent.get(pageOf(order))
    assert.equal(page.status, 200)
    for (const action of ['refunds', 'cancel', 'fulfillments', 'notes', 'delivered']) {
      assert.notInclude(page.text, `${pageOf(order)}/${action}"`)
    }
    // the analyst's page still carries a CSRF token (sign-out form), so these are real permission refusals
    const attempts = {
      refunds: { amount: '10.00', confirm: '1' },
      cancel: { reason: 'nope', confirm: '1' },
      fulfillments: { ...entry('lines', 0, lines[0].id, 1) },
      notes: { body: 'hello' },
      delivered: {},
    }
    for (const [action, form] of Object.entries(attempts)) {
      const response = await agent.submit(pageOf(order), `${pageOf(order)}/${action}`, form)
      assert.equal(response.status, 403, action)
    }
    const fresh = await Order.findOrFail(order.id)
    assert.deepEqual([fresh.status, fresh.paymentStatus, fresh.fulfillmentStatus], ['open', 'paid', 'unfulfilled'])
    assert.lengthOf(await AuditLog.query().where('subject_type', 'order').where('subject_id', String(order.id)), 0)
  })

  test('support refunds but cannot fulfil', async ({ assert }) => {
    const { order, lines } = await paidOrder()
    const { agent } = await signedInStaff('support')
    const shipped = await agent.submit(pageOf(order), `${pageOf(order)}/fulfillments`, { ...entry('lines', 0, lines[0].id, 1) })
    assert.equal(shipped.status, 403)
    assert.equal((await lineCounters(lines[0].id)).fulfilled, 0)
    const delivered = await agent.submit(pageOf(order), `${pageOf(order)}/delivered`, {})
    assert.equal(delivered.status, 403)
    const refund = await agent.submit(pageOf(order), `${pageOf(order)}/refunds`, { amount: '5.00', confirm: '1' })
    assert.equal(refund.status, 303)
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 500)
  })
})

test.group('Admin | order actions: refund', (group) => {
  group.each.setup(() => clearRateLimits())

  test('partial refunds add up, with restock and audited before/after; too much is refused inline', async ({ assert }) => {
    const { order, lines, variants } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 2500 }] })
    const { agent, staff } = await signedInStaff('support')
    const onHandBefore = (await stockOf(variants[0].id)).onHand

    const first = await agent.submit(pageOf(order), `${pageOf(order)}/refunds`, {
      amount: '12.50',
      reason: 'scratched',
      ...entry('restock', 0, lines[0].id, 1),
      confirm: '1',
    })
    assert.equal(first.status, 303)
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 1250)
    assert.equal((await Order.findOrFail(order.id)).paymentStatus, 'partially_refunded')
    assert.equal((await stockOf(variants[0].id)).onHand, onHandBefore + 1)
    assert.equal((await lineCounters(lines[0].id)).restocked, 1)
    const movement = await db.from('inventory_movements').where('variant_id', variants[0].id).where('reason', 'return').firstOrFail()
    assert.equal(Number(movement.delta), 1)
    const shown = await agent.get(pageOf(order))
    assert.include(shown.text, 'Refunded $12.50, 1 unit restocked')
    assert.match(shown.text, /data-refunded>−\$12\.50</)

    const [audit] = await auditsOf(order.id, 'order.refund')
    assert.equal(audit.actorId, staff.id)
    const changes = audit.changes as any
    assert.deepEqual(changes.paymentStatus, ['paid', 'partially_refunded'])
    assert.deepEqual(changes.amountRefunded, [0, 1250])
    assert.equal(changes.refund[1].amount, 1250)

    const tooMuch = await agent.submit(pageOf(order), `${pageOf(order)}/refunds`, { amount: '40.00', confirm: '1' })
    assert.equal(tooMuch.status, 422)
    assert.include(tooMuch.text, 'id="refund-amount-error"')
    assert.include(tooMuch.text, 'At most $37.50 can still be refunded.')
    // restocking more than was ordered is refused before any money moves
    const overRestock = await agent.submit(pageOf(order), `${pageOf(order)}/refunds`, {
      amount: '1.00',
      ...entry('restock', 0, lines[0].id, 2),
      confirm: '1',
    })
    assert.equal(overRestock.status, 422)
    assert.include(overRestock.text, 'id="refund-restock-error"')
    const unconfirmed = await agent.submit(pageOf(order), `${pageOf(order)}/refunds`, { amount: '1.00' })
    assert.equal(unconfirmed.status, 422)
    assert.include(unconfirmed.text, 'id="refund-confirm-error"')
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 1250)

    const rest = await agent.submit(pageOf(order), `${pageOf(order)}/refunds`, { amount: '37.50', confirm: '1' })
    assert.equal(rest.status, 303)
    assert.equal((await Order.findOrFail(order.id)).paymentStatus, 'refunded')
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 5000)
    assert.lengthOf(await auditsOf(order.id, 'order.refund'), 2)
  })
})

test.group('Admin | order actions: cancel', (group) => {
  group.each.setup(() => clearRateLimits())

  test('cancelling an unpaid order releases its reserved stock', async ({ assert }) => {
    const { order, variants } = await pendingOrder({ lines: [{ quantity: 3, unitPrice: 1000 }] })
    assert.deepEqual(await stockOf(variants[0].id), { onHand: 10, reserved: 3 })
    const { agent, staff } = await signedInStaff('support')

    const unconfirmed = await agent.submit(pageOf(order), `${pageOf(order)}/cancel`, { reason: 'customer request' })
    assert.equal(unconfirmed.status, 422)
    assert.include(unconfirmed.text, 'id="cancel-confirm-error"')
    assert.equal((await Order.findOrFail(order.id)).status, 'pending')

    const cancelled = await agent.submit(pageOf(order), `${pageOf(order)}/cancel`, { reason: 'customer request', confirm: '1' })
    assert.equal(cancelled.status, 303)
    assert.equal((await Order.findOrFail(order.id)).status, 'cancelled')
    assert.deepEqual(await stockOf(variants[0].id), { onHand: 10, reserved: 0 })
    const [audit] = await auditsOf(order.id, 'order.cancel')
    assert.equal(audit.actorId, staff.id)
    assert.deepEqual((audit.changes as any).status, ['pending', 'cancelled'])
    assert.include((await agent.get(pageOf(order))).text, 'Order cancelled')
  })

  test('a paid order must be refunded first, or refunded and cancelled together; unshipped units return to stock', async ({ assert }) => {
    const { order, lines, variants } = await paidOrder({ lines: [{ quantity: 3, unitPrice: 1000 }] })
    // paying committed the stock: it left on-hand
    assert.deepEqual(await stockOf(variants[0].id), { onHand: 7, reserved: 0 })
    const fulfiller = await signedInStaff('fulfillment')
    await fulfiller.agent.submit(pageOf(order), `${pageOf(order)}/fulfillments`, { ...entry('lines', 0, lines[0].id, 1) })
    const { agent } = await signedInStaff('admin')

    const page = await agent.get(pageOf(order))
    assert.include(page.text, 'It must be refunded before it is cancelled')
    const refused = await agent.submit(pageOf(order), `${pageOf(order)}/cancel`, { reason: 'fraud', confirm: '1' })
    assert.equal(refused.status, 422)
    assert.include(refused.text, 'refund it first')
    assert.equal((await Order.findOrFail(order.id)).status, 'open')

    const done = await agent.submit(pageOf(order), `${pageOf(order)}/cancel`, { reason: 'fraud', refund_remaining: '1', confirm: '1' })
    assert.equal(done.status, 303)
    const fresh = await Order.findOrFail(order.id)
    assert.deepEqual([fresh.status, fresh.paymentStatus], ['cancelled', 'refunded'])
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 3000)
    // two units never shipped go back on hand; the shipped one does not
    assert.deepEqual(await stockOf(variants[0].id), { onHand: 9, reserved: 0 })
    assert.equal((await lineCounters(lines[0].id)).restocked, 2)
    const [audit] = await auditsOf(order.id, 'order.cancel')
    assert.deepEqual((audit.changes as any).paymentStatus, ['paid', 'refunded'])
    assert.deepEqual((audit.changes as any).status, ['open', 'cancelled'])
  })
})

test.group('Admin | order actions: fulfil', (group) => {
  group.each.setup(() => clearRateLimits())

  test('partial then full fulfilment with tracking; bad input and over-fulfilment shown inline; then delivered', async ({ assert }) => {
    const { order, lines } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }, { quantity: 1, unitPrice: 500 }] })
    const { agent, staff } = await signedInStaff('fulfillment')
    const fulfil = (form: Record<string, string>) => agent.submit(pageOf(order), `${pageOf(order)}/fulfillments`, form)

    const badUrl = await fulfil({ ...entry('lines', 0, lines[0].id, 1), tracking_number: 'T1', tracking_url: 'not a url' })
    assert.equal(badUrl.status, 422)
    assert.include(badUrl.text, 'id="fulfill-tracking_url-error"')
    const nothing = await fulfil({ ...entry('lines', 0, lines[0].id, 0) })
    assert.equal(nothing.status, 422)
    assert.include(nothing.text, 'id="fulfill-lines-error"')

    const first = await fulfil({
      ...entry('lines', 0, lines[0].id, 1),
      ...entry('lines', 1, lines[1].id, 0),
      carrier: 'UPS',
      tracking_number: '1Z42',
      tracking_url: 'https://track.example/1Z42',
    })
    assert.equal(first.status, 303)
    assert.equal((await Order.findOrFail(order.id)).fulfillmentStatus, 'partially_fulfilled')
    const page = await agent.get(pageOf(order))
    assert.include(page.text, 'Fulfilled 1 unit;')
    assert.include(page.text, '<a href="https://track.example/1Z42" rel="noopener noreferrer">1Z42</a>')

    const over = await fulfil({ ...entry('lines', 0, lines[0].id, 2) })
    assert.equal(over.status, 409)
    assert.include(over.text, 'Only 1 unit of this line is left to fulfil.')
    assert.equal((await lineCounters(lines[0].id)).fulfilled, 1)

    const rest = await fulfil({ ...entry('lines', 0, lines[0].id, 1), ...entry('lines', 1, lines[1].id, 1) })
    assert.equal(rest.status, 303)
    const fresh = await Order.findOrFail(order.id)
    assert.deepEqual([fresh.status, fresh.fulfillmentStatus], ['completed', 'fulfilled'])
    const audits = await auditsOf(order.id, 'order.fulfill')
    assert.lengthOf(audits, 2)
    assert.equal(audits[0].actorId, staff.id)

    const delivered = await agent.submit(pageOf(order), `${pageOf(order)}/delivered`, {})
    assert.equal(delivered.status, 303)
    assert.equal((await Order.findOrFail(order.id)).fulfillmentStatus, 'delivered')
    assert.lengthOf(await auditsOf(order.id, 'order.deliver'), 1)
  })
})
