import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import OutboxEvent from '#models/outbox_event'
import { startPayment, recordPaymentSucceeded, recordPaymentFailed, cancelOrderPayments } from '#tests/helpers/payment_actions'
import { transitionOrder } from '#models/order_transitions'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { PaymentsPort } from '#plugin_host/extension_points/payments'
import { createPendingOrder, stockOf, orderEventTypes } from '#tests/helpers/payment_orders'

async function outboxEvents(name: string, orderId: number) {
  const rows = await OutboxEvent.query().where('name', name).orderBy('id')
  return rows.filter((row) => (row.payload as any)?.orderId === orderId)
}

test.group('Payments | manual driver', () => {
  test('the manual driver is the default and starting twice reuses one payment', async ({ assert }) => {
    assert.equal((await (await app.container.make(PaymentsPort)).driver()).name, 'manual')
    const { order } = await createPendingOrder()

    const first = await startPayment(order, { actor: 'shopper' })
    const second = await startPayment(order, { actor: 'shopper' })
    assert.equal(first.payment.id, second.payment.id)
    assert.equal(first.payment.idempotencyKey, `order-${order.id}-attempt-1`)
    assert.equal(first.payment.providerRef, `manual_order-${order.id}-attempt-1`)
    assert.equal(first.payment.amount, order.total)
    assert.equal(first.payment.status, 'pending')
    assert.lengthOf(await Payment.query().where('order_id', order.id), 1)
  })

  test('success marks the order paid and open and commits its stock, once', async ({ assert }) => {
    const { order, variant } = await createPendingOrder({ quantity: 2 })
    assert.deepEqual(await stockOf(variant.id), { onHand: 10, reserved: 2 })
    await startPayment(order, { actor: 'shopper' })

    const notice = { provider: 'manual', orderId: order.id, amount: order.total, actor: 'shopper' }
    assert.equal(await recordPaymentSucceeded(notice), 'paid')
    assert.equal(await recordPaymentSucceeded(notice), 'already_paid')

    await order.refresh()
    assert.equal(order.status, 'open')
    assert.equal(order.paymentStatus, 'paid')
    assert.deepEqual(await stockOf(variant.id), { onHand: 8, reserved: 0 })
    assert.equal((await Payment.findByOrFail('order_id', order.id)).status, 'paid')
    assert.deepEqual(await orderEventTypes(order.id), ['payment_paid', 'order_opened'])
    assert.lengthOf(await outboxEvents('OrderPaid', order.id), 1)
  })

  test('a decline leaves the order retryable, and the retry can succeed', async ({ assert }) => {
    const { order, variant } = await createPendingOrder()
    const { payment } = await startPayment(order, { actor: 'shopper' })

    assert.equal(await recordPaymentFailed({ provider: 'manual', orderId: order.id, reason: 'Card declined' }), 'failed')
    await order.refresh()
    await payment.refresh()
    assert.equal(order.paymentStatus, 'failed')
    assert.equal(order.status, 'pending')
    assert.equal(payment.status, 'failed')
    assert.equal(payment.failureReason, 'Card declined')
    assert.lengthOf(await outboxEvents('PaymentFailed', order.id), 1)
    // the stock stays held while the shopper retries
    assert.deepEqual(await stockOf(variant.id), { onHand: 10, reserved: 2 })

    const retry = await startPayment(order, { actor: 'shopper' })
    assert.equal(retry.payment.id, payment.id)
    assert.equal(retry.payment.status, 'pending')
    await order.refresh()
    assert.equal(order.paymentStatus, 'pending')

    assert.equal(await recordPaymentSucceeded({ provider: 'manual', orderId: order.id, amount: order.total }), 'paid')
    await order.refresh()
    assert.equal(order.paymentStatus, 'paid')
    assert.deepEqual(await orderEventTypes(order.id), ['payment_failed', 'payment_retried', 'payment_paid', 'order_opened'])
  })

  test('a different amount is recorded and does not mark the order paid', async ({ assert }) => {
    const { order } = await createPendingOrder()
    await startPayment(order, { actor: 'shopper' })
    const outcome = await recordPaymentSucceeded({ provider: 'manual', orderId: order.id, amount: order.total - 1 })
    assert.equal(outcome, 'amount_mismatch')
    await order.refresh()
    assert.equal(order.paymentStatus, 'pending')
    const event = await db.from('order_events').where('order_id', order.id).where('type', 'payment_amount_mismatch').first()
    assert.equal(JSON.parse(typeof event.data === 'string' ? event.data : JSON.stringify(event.data)).received, order.total - 1)
  })

  test('money arriving after the order was cancelled is flagged for a refund', async ({ assert }) => {
    const inventory = await app.container.make(InventoryPort)
    const { order, variant } = await createPendingOrder()
    await startPayment(order, { actor: 'shopper' })
    await db.transaction(async (trx) => {
      await transitionOrder(order, 'status', 'cancelled', { trx, actor: 'system', data: { reason: 'expired' } })
      await inventory.release(order.id, 'expired', trx)
    })

    assert.equal(await recordPaymentSucceeded({ provider: 'manual', orderId: order.id, amount: order.total }), 'needs_refund')
    await order.refresh()
    assert.equal(order.status, 'cancelled')
    assert.equal(order.paymentStatus, 'pending')
    assert.equal((await Payment.findByOrFail('order_id', order.id)).status, 'paid')
    assert.include(await orderEventTypes(order.id), 'payment_needs_refund')
    assert.deepEqual(await stockOf(variant.id), { onHand: 10, reserved: 0 })
    assert.lengthOf(await outboxEvents('OrderPaid', order.id), 0)
  })

  test('cancelling an order voids its open payments, not paid ones', async ({ assert }) => {
    const { order } = await createPendingOrder()
    const { payment } = await startPayment(order, { actor: 'shopper' })
    const cancelled = await db.transaction((trx) => cancelOrderPayments(order, trx))
    assert.equal(cancelled, 1)
    await payment.refresh()
    assert.equal(payment.status, 'cancelled')
    assert.equal(await db.transaction((trx) => cancelOrderPayments(order, trx)), 0)
  })
})
