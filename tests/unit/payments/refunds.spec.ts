import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import Refund from '#models/refund'
import OutboxEvent from '#models/outbox_event'
import { startPayment, recordPaymentSucceeded, refundOrder } from '#tests/helpers/payment_actions'
import { RefundNotAllowedError, RefundFailedError } from '#payments/refund_errors'
import { PaymentsPort, type PaymentDriver } from '#plugin_host/extension_points/payments'
import { createPendingOrder } from '#tests/helpers/payment_orders'

async function paidOrder(unitPrice = 2500, quantity = 2) {
  const { order } = await createPendingOrder({ unitPrice, quantity })
  await startPayment(order, { actor: 'shopper' })
  await recordPaymentSucceeded({ provider: 'manual', orderId: order.id, amount: order.total })
  await order.refresh()
  return order
}

test.group('Payments | refunds', () => {
  test('a partial refund, then the rest; each moves the payment status with its amount', async ({ assert }) => {
    const order = await paidOrder()

    const first = await refundOrder(order, { amount: 1000, reason: 'damaged', actor: 'staff:1' })
    assert.equal(first.status, 'succeeded')
    assert.equal(first.providerRef, `manual_refund-${first.id}`)
    await order.refresh()
    assert.equal(order.paymentStatus, 'partially_refunded')

    await refundOrder(order, { amount: 4000, actor: 'staff:1' })
    await order.refresh()
    assert.equal(order.paymentStatus, 'refunded')
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 5000)

    const events = await db.from('order_events').where('order_id', order.id).where('type', 'payment_refunded').orderBy('id')
    assert.deepEqual(events.map((event) => event.to_status), ['partially_refunded', 'refunded'])
    const refunded = (await OutboxEvent.query().where('name', 'OrderRefunded').orderBy('id')).filter(
      (row) => (row.payload as any).orderId === order.id
    )
    assert.deepEqual(refunded.map((row) => (row.payload as any).amount), [1000, 4000])
  })

  test('refunding more than is left is refused and records nothing', async ({ assert }) => {
    const order = await paidOrder()
    await refundOrder(order, { amount: 3000, actor: 'staff:1' })
    const error = await refundOrder(order, { amount: 2001, actor: 'staff:1' }).catch((e) => e)
    assert.instanceOf(error, RefundNotAllowedError)
    assert.equal(error.refundable, 2000)
    assert.lengthOf(await Refund.query().where('order_id', order.id), 1)
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 3000)
  })

  test('concurrent refunds never give back more than was paid', async ({ assert }) => {
    const order = await paidOrder()
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => refundOrder(order, { amount: 2000, actor: 'staff:1' }))
    )
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 2)
    const payment = await Payment.findByOrFail('order_id', order.id)
    assert.equal(payment.amountRefunded, 4000)
    const [{ total }] = await db.from('refunds').where('order_id', order.id).where('status', 'succeeded').sum('amount as total')
    assert.equal(Number(total), 4000)
  })

  test('an unpaid order cannot be refunded', async ({ assert }) => {
    const { order } = await createPendingOrder()
    await assert.rejects(() => refundOrder(order, { amount: 100, actor: 'staff:1' }), /no paid payment/)
  })

  test('a provider error gives the reserved amount back', async ({ assert }) => {
    const order = await paidOrder()
    const manual = await (await app.container.make(PaymentsPort)).driverNamed('manual')
    const failing: PaymentDriver = Object.assign(Object.create(manual), {
      refund: async () => {
        throw new Error('provider down')
      },
    })
    await assert.rejects(() => refundOrder(order, { amount: 1000, actor: 'staff:1', driver: failing }), RefundFailedError)
    assert.equal((await Payment.findByOrFail('order_id', order.id)).amountRefunded, 0)
    const [refund] = await Refund.query().where('order_id', order.id)
    assert.equal(refund.status, 'failed')
    await order.refresh()
    assert.equal(order.paymentStatus, 'paid')
  })
})
