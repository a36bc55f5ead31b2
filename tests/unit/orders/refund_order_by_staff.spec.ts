import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'
import Payment from '#models/payment'
import Refund from '#models/refund'
import RefundOrderByStaff from '#actions/orders/refund_order_by_staff'
import { OverRestockError } from '#models/order_restock'
import { RefundNotAllowedError } from '#payments/refund_errors'
import type { Actor } from '#services/actor'
import { paidOrder, stockOf, lineCounters } from '#tests/helpers/admin_orders'

const refundOrderByStaff: RefundOrderByStaff['handle'] = async (...args) => (await app.container.make(RefundOrderByStaff)).handle(...args)

const staff: Actor = { type: 'staff', id: 9 }

test.group('Orders | staff refunds with restock', () => {
  test('two refunds restocking the same units at once: one restocks, the other is refused before any money moves', async ({ assert }) => {
    const { order, lines, variants } = await paidOrder({ lines: [{ quantity: 3, unitPrice: 1000 }] })
    const onHand = (await stockOf(variants[0].id)).onHand
    const results = await Promise.allSettled(
      [1, 2].map(() => refundOrderByStaff(order.id, { amount: 500, restock: [{ orderLineId: lines[0].id, quantity: 2 }] }, staff))
    )
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1)
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult
    assert.instanceOf(refused.reason, OverRestockError)
    assert.equal((await lineCounters(lines[0].id)).restocked, 2)
    assert.equal((await stockOf(variants[0].id)).onHand, onHand + 2)
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 500)
    assert.lengthOf(await Refund.query().where('order_id', order.id), 1)
  })

  test('a refused refund gives the restock claim back', async ({ assert }) => {
    const { order, lines, variants } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }] })
    const onHand = (await stockOf(variants[0].id)).onHand
    await assert.rejects(
      () => refundOrderByStaff(order.id, { amount: 2001, restock: [{ orderLineId: lines[0].id, quantity: 1 }] }, staff),
      RefundNotAllowedError
    )
    assert.equal((await lineCounters(lines[0].id)).restocked, 0)
    assert.equal((await stockOf(variants[0].id)).onHand, onHand)

    const { restocked } = await refundOrderByStaff(order.id, { amount: 2000, restock: [{ orderLineId: lines[0].id, quantity: 2 }] }, staff)
    assert.deepEqual(restocked.map((line) => line.quantity), [2])
    assert.equal((await stockOf(variants[0].id)).onHand, onHand + 2)
  })
})
