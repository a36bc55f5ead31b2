import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import Refund from '#models/refund'
import { startPayment, refundOrder, handlePaymentWebhook, cancelOrderPayments } from '#tests/helpers/payment_actions'
import { RefundNotAllowedError } from '#payments/refund_errors'
import { InvalidWebhookError } from '#plugin_host/extension_points/payments'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { transitionOrder } from '#models/order_transitions'
import { stripeStandIn } from '#tests/helpers/stripe_stand_in'
import { createPendingOrder, stockOf } from '#tests/helpers/payment_orders'

/** An order with a PaymentIntent at the stand-in. */
async function orderWithIntent() {
  const { standIn, driver } = await stripeStandIn()
  const { order, variant } = await createPendingOrder({ unitPrice: 1250, quantity: 2 })
  const started = await startPayment(order, { actor: 'shopper', driver })
  return { standIn, driver, order, variant, payment: started.payment, started }
}

function deliver(driver: Awaited<ReturnType<typeof stripeStandIn>>['driver'], event: { payload: string; signature: string }) {
  return handlePaymentWebhook(driver, event.payload, { 'stripe-signature': event.signature })
}

test.group('Payments | stripe driver against the stand-in', () => {
  test('creates a PaymentIntent with automatic payment methods, the order metadata and the attempt key', async ({ assert }) => {
    const { standIn, order, payment, started } = await orderWithIntent()
    const creates = standIn.requestsFor('/v1/payment_intents').filter((r) => r.idempotencyKey === `order-${order.id}-attempt-1`)
    assert.lengthOf(creates, 1)
    assert.deepEqual(creates[0].body.automatic_payment_methods, { enabled: 'true' })
    assert.equal(creates[0].body.amount, '2500')
    assert.equal(creates[0].body.currency, 'usd')
    assert.deepEqual(creates[0].body.metadata, { order_id: String(order.id), order_number: String(order.number) })
    assert.match(payment.providerRef!, /^pi_standin_/)
    assert.equal(payment.provider, 'stripe')
    assert.equal(started.clientData.clientSecret, `${payment.providerRef}_secret_standin`)
    assert.equal(started.clientData.publishableKey, 'pk_test_standin')

    // a reload reuses the intent: no second create
    const again = await startPayment(order, { actor: 'shopper', driver: started.driver })
    assert.equal(again.payment.providerRef, payment.providerRef)
    assert.lengthOf(standIn.requests.filter((r) => r.idempotencyKey === `order-${order.id}-attempt-2`), 0)
  })

  test('network retries: a 503 is retried with the same idempotency key', async ({ assert }) => {
    const { standIn, driver } = await stripeStandIn()
    const { order } = await createPendingOrder()
    standIn.failNext = 1
    const { payment } = await startPayment(order, { actor: 'shopper', driver })
    const tries = standIn.requests.filter((r) => r.idempotencyKey === `order-${order.id}-attempt-1`)
    assert.lengthOf(tries, 2)
    assert.match(payment.providerRef!, /^pi_standin_/)
    assert.lengthOf([...standIn.intents.values()].filter((i) => i.metadata.order_id === String(order.id)), 1)
  })

  test('a signed payment_intent.succeeded marks the order paid once; a replay changes nothing', async ({ assert }) => {
    const { standIn, driver, order, variant, payment } = await orderWithIntent()
    const event = standIn.signedEvent('payment_intent.succeeded', standIn.succeed(payment.providerRef!))

    assert.equal((await deliver(driver, event)).outcome, 'paid')
    await order.refresh()
    assert.equal(order.paymentStatus, 'paid')
    assert.equal(order.status, 'open')
    assert.deepEqual(await stockOf(variant.id), { onHand: 8, reserved: 0 })
    const eventsBefore = await db.from('order_events').where('order_id', order.id).count('* as n')

    assert.equal((await deliver(driver, event)).outcome, 'duplicate_event')
    const eventsAfter = await db.from('order_events').where('order_id', order.id).count('* as n')
    assert.deepEqual(eventsAfter, eventsBefore)
    assert.lengthOf(await db.from('payment_webhook_events').where('order_id', order.id), 1)
  })

  test('the same event delivered five times at once is applied once', async ({ assert }) => {
    const { standIn, driver, order, variant, payment } = await orderWithIntent()
    const event = standIn.signedEvent('payment_intent.succeeded', standIn.succeed(payment.providerRef!))
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => deliver(driver, event)))
    assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['duplicate_event', 'duplicate_event', 'duplicate_event', 'duplicate_event', 'paid'])
    assert.deepEqual(await stockOf(variant.id), { onHand: 8, reserved: 0 })
    const paidEvents = await db.from('order_events').where('order_id', order.id).where('type', 'payment_paid')
    assert.lengthOf(paidEvents, 1)
  })

  test('concurrent page loads share one payment row and one PaymentIntent', async ({ assert }) => {
    const { standIn, driver } = await stripeStandIn()
    const { order } = await createPendingOrder()
    const started = await Promise.all(Array.from({ length: 4 }, () => startPayment(order, { actor: 'shopper', driver })))
    assert.lengthOf(new Set(started.map((s) => s.payment.id)), 1)
    assert.lengthOf(new Set(started.map((s) => s.payment.providerRef)), 1)
    assert.lengthOf(await Payment.query().where('order_id', order.id), 1)
    assert.lengthOf([...standIn.intents.values()].filter((i) => i.metadata.order_id === String(order.id)), 1)
  })

  test('a forged signature is rejected before anything is written', async ({ assert }) => {
    const { standIn, driver, order, payment } = await orderWithIntent()
    const forged = standIn.signedEvent('payment_intent.succeeded', standIn.succeed(payment.providerRef!), 'whsec_forged')
    await assert.rejects(() => deliver(driver, forged), InvalidWebhookError)
    // a genuine signature over a different body fails too
    const genuine = standIn.signedEvent('payment_intent.succeeded', standIn.intents.get(payment.providerRef!))
    const tampered = { payload: genuine.payload.replace(`"amount_received":2500`, `"amount_received":1`), signature: genuine.signature }
    await assert.rejects(() => deliver(driver, tampered), InvalidWebhookError)
    await order.refresh()
    assert.equal(order.paymentStatus, 'pending')
    assert.lengthOf(await db.from('payment_webhook_events').where('order_id', order.id), 0)
  })

  test('payment_failed makes the order retryable on the same intent', async ({ assert }) => {
    const { standIn, driver, order, payment } = await orderWithIntent()
    const failed = standIn.signedEvent('payment_intent.payment_failed', standIn.decline(payment.providerRef!, 'Insufficient funds.'))
    assert.equal((await deliver(driver, failed)).outcome, 'failed')
    await order.refresh()
    assert.equal(order.paymentStatus, 'failed')
    assert.equal((await Payment.findOrFail(payment.id)).failureReason, 'Insufficient funds.')

    const retry = await startPayment(order, { actor: 'shopper', driver })
    assert.equal(retry.payment.providerRef, payment.providerRef)
    assert.equal(retry.payment.status, 'pending')
    const succeeded = standIn.signedEvent('payment_intent.succeeded', standIn.succeed(payment.providerRef!))
    assert.equal((await deliver(driver, succeeded)).outcome, 'paid')
  })

  test('refunds: partial then full through the API with idempotency keys; over-refund refused', async ({ assert }) => {
    const { standIn, driver, order, payment } = await orderWithIntent()
    await deliver(driver, standIn.signedEvent('payment_intent.succeeded', standIn.succeed(payment.providerRef!)))
    await order.refresh()

    const partial = await refundOrder(order, { amount: 500, reason: 'late', actor: 'staff:1' })
    assert.match(partial.providerRef!, /^re_standin_/)
    const call = standIn.requests.find((r) => r.path === '/v1/refunds' && r.idempotencyKey === `refund-${partial.id}`)
    assert.deepEqual(call?.body, { payment_intent: payment.providerRef, amount: '500' })
    assert.equal(order.paymentStatus, 'partially_refunded')

    const refundCalls = standIn.requestsFor('/v1/refunds').length
    await assert.rejects(() => refundOrder(order, { amount: 2001, actor: 'staff:1' }), RefundNotAllowedError)
    assert.equal(standIn.requestsFor('/v1/refunds').length, refundCalls)

    await refundOrder(order, { amount: 2000, actor: 'staff:1' })
    await order.refresh()
    assert.equal(order.paymentStatus, 'refunded')
    assert.equal(standIn.intents.get(payment.providerRef!)!.amountRefunded, 2500)

    // Stripe's charge.refunded for those refunds adds nothing
    const echo = standIn.signedEvent('charge.refunded', standIn.chargeFor(payment.providerRef!))
    assert.equal((await deliver(driver, echo)).outcome, 'already_recorded')
    assert.lengthOf(await Refund.query().where('order_id', order.id), 2)
  })

  test('a refund made in the Stripe dashboard is recorded from charge.refunded', async ({ assert }) => {
    const { standIn, driver, order, payment } = await orderWithIntent()
    await deliver(driver, standIn.signedEvent('payment_intent.succeeded', standIn.succeed(payment.providerRef!)))
    standIn.intents.get(payment.providerRef!)!.amountRefunded = 700
    const event = standIn.signedEvent('charge.refunded', standIn.chargeFor(payment.providerRef!))
    assert.equal((await deliver(driver, event)).outcome, 'recorded')
    assert.equal((await deliver(driver, event)).outcome, 'duplicate_event')
    await order.refresh()
    assert.equal(order.paymentStatus, 'partially_refunded')
    const [refund] = await Refund.query().where('order_id', order.id)
    assert.equal(refund.amount, 700)
    assert.equal((await Payment.findOrFail(payment.id)).amountRefunded, 700)
  })

  test('cancelling the order cancels the PaymentIntent', async ({ assert }) => {
    const { standIn, order, payment } = await orderWithIntent()
    await db.transaction((trx) => cancelOrderPayments(order, trx))
    assert.equal(standIn.intents.get(payment.providerRef!)!.status, 'canceled')
    assert.equal((await Payment.findOrFail(payment.id)).status, 'cancelled')
  })

  test('paid at Stripe while the order was being cancelled: flagged for a refund, not lost', async ({ assert }) => {
    const inventory = await app.container.make(InventoryPort)
    const { standIn, driver, order, variant, payment } = await orderWithIntent()
    const intent = standIn.succeed(payment.providerRef!)
    // the expiry job cancels it; Stripe refuses to cancel a succeeded intent
    await db.transaction(async (trx) => {
      await transitionOrder(order, 'status', 'cancelled', { trx, actor: 'system', data: { reason: 'expired' } })
      await inventory.release(order.id, 'expired', trx)
      await cancelOrderPayments(order, trx)
    })
    assert.equal((await Payment.findOrFail(payment.id)).status, 'cancelled')

    assert.equal((await deliver(driver, standIn.signedEvent('payment_intent.succeeded', intent))).outcome, 'needs_refund')
    assert.equal((await Payment.findOrFail(payment.id)).status, 'paid')
    await order.refresh()
    assert.equal(order.status, 'cancelled')
    assert.deepEqual(await stockOf(variant.id), { onHand: 10, reserved: 0 })
    const flagged = await db.from('order_events').where('order_id', order.id).where('type', 'payment_needs_refund')
    assert.lengthOf(flagged, 1)

    // staff refund it: Stripe is asked, the timeline records it
    await refundOrder(order, { amount: payment.amount, reason: 'paid after cancellation', actor: 'staff:1' })
    assert.equal(standIn.intents.get(payment.providerRef!)!.amountRefunded, payment.amount)
    const recorded = await db.from('order_events').where('order_id', order.id).where('type', 'refund_recorded')
    assert.lengthOf(recorded, 1)
  })

  test('an event for a PaymentIntent Stockroom does not know is answered and not claimed', async ({ assert }) => {
    const { standIn, driver } = await stripeStandIn()
    const stranger = { id: 'pi_not_ours', object: 'payment_intent', amount: 100, amount_received: 100, currency: 'usd' }
    const event = standIn.signedEvent('payment_intent.succeeded', stranger)
    assert.equal((await deliver(driver, event)).outcome, 'unknown_payment')
    assert.lengthOf(await db.from('payment_webhook_events').where('event_id', JSON.parse(event.payload).id), 0)
    const other = standIn.signedEvent('customer.created', { id: 'cus_1', object: 'customer' })
    assert.equal((await deliver(driver, other)).outcome, 'ignored')
  })
})
