import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import Payment from '#models/payment'
import { HttpAgent } from '#tests/helpers/http_agent'
import { stripeStandIn } from '#tests/helpers/stripe_stand_in'
import { createPendingOrder, stockOf } from '#tests/helpers/payment_orders'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { asset } from '#services/assets'

/** Where drivers register: these tests switch the active one with `payments.prefer`. */
const pluginHost = await app.container.make('stockroom.plugins')

const payPath = (token: string) => `/orders/${token}/pay`

function postWebhook(body: string, signature: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  if (signature) headers['stripe-signature'] = signature
  return fetch(`http://127.0.0.1:${process.env.PORT}/webhooks/payments/stripe`, { method: 'POST', headers, body })
}

test.group('Storefront | payment page with the manual driver', (group) => {
  group.each.setup(() => clearRateLimits())

  test('shows the order summary and the test step', async ({ assert }) => {
    const { order } = await createPendingOrder({ unitPrice: 1999, quantity: 2 })
    const page = await new HttpAgent().get(payPath(order.publicToken))
    assert.equal(page.status, 200)
    assert.include(page.text, `Pay for order #${order.number}`)
    // the last checkout step, with no links back into a checkout that became this order
    assert.match(page.text, /<span aria-current="step">4\. Payment<\/span>/)
    assert.notInclude(page.text, 'href="/checkout')
    assert.include(page.text, '$39.98')
    // test mode said once, in a note above the buttons, not in the pay button's name
    assert.match(page.text, /<p class="alert alert--info payment-test__note">Test mode: [^<]*<\/p>\s*<form[^>]*class="payment-test"/)
    assert.match(page.text, /value="success" class="button">Pay \$39\.98<\/button>/)
    assert.include(page.text, 'Test a decline')
    // the line's code already starts with SKU: said once
    assert.match(page.text, /<span class="muted">SKU-[^<]+<\/span>/)
    assert.notInclude(page.text, 'SKU SKU-')
    assert.match(page.text, /name=['"]_csrf['"]/)
    assert.equal(page.headers.get('cache-control'), 'private, no-store')
  })

  test('a decline shows the error and a retry; the retry pays and lands on the order page', async ({ assert }) => {
    const { order, variant } = await createPendingOrder()
    const agent = new HttpAgent()

    const declined = await agent.submit(payPath(order.publicToken), `${payPath(order.publicToken)}/manual`, { outcome: 'decline' })
    assert.equal(declined.status, 302)
    assert.equal(declined.location, payPath(order.publicToken))
    await order.refresh()
    assert.equal(order.paymentStatus, 'failed')

    const retryPage = await agent.get(payPath(order.publicToken))
    assert.include(retryPage.text, 'declined (test decline)')
    assert.include(retryPage.text, 'You can try again below.')
    await order.refresh()
    assert.equal(order.paymentStatus, 'pending')

    const paid = await agent.submit(payPath(order.publicToken), `${payPath(order.publicToken)}/manual`, { outcome: 'success' })
    assert.equal(paid.status, 302)
    assert.equal(paid.location, `/orders/${order.publicToken}`)
    await order.refresh()
    assert.equal(order.paymentStatus, 'paid')
    assert.equal(order.status, 'open')
    assert.deepEqual(await stockOf(variant.id), { onHand: 8, reserved: 0 })
    assert.lengthOf(await Payment.query().where('order_id', order.id), 1)

    // a paid order's payment page sends the shopper to the order
    const after = await agent.get(payPath(order.publicToken))
    assert.equal(after.status, 302)
    assert.equal(after.location, `/orders/${order.publicToken}`)
  })

  test('an unknown outcome is refused and changes nothing; a cancelled order cannot be paid', async ({ assert }) => {
    const { order } = await createPendingOrder()
    const agent = new HttpAgent()
    const bad = await agent.submit(payPath(order.publicToken), `${payPath(order.publicToken)}/manual`, { outcome: 'free' })
    assert.equal(bad.status, 302)
    await order.refresh()
    assert.equal(order.paymentStatus, 'pending')

    await db.from('orders').where('id', order.id).update({ status: 'cancelled' })
    const closed = await agent.get(payPath(order.publicToken))
    assert.equal(closed.status, 409)
    assert.include(closed.text, 'can no longer be paid')
    assert.notInclude(closed.text, 'Test mode:')

    assert.equal((await agent.get('/orders/not-a-token/pay')).status, 404)
    // Malformed tokens are refused by the validator before any query, with the same 404.
    assert.equal((await agent.get(`/orders/${encodeURIComponent("x' OR '1'='1")}/pay`)).status, 404)
    assert.equal((await agent.get(`${payPath('a'.repeat(200))}/return`)).status, 404)
    // A junk redirect_status (an array here) is ignored, not a 500: the shopper goes to the order page.
    const junk = await agent.get(`${payPath(order.publicToken)}/return?redirect_status[]=failed`)
    assert.equal(junk.status, 302)
  })

  test('posting without a CSRF token is refused', async ({ assert }) => {
    const { order } = await createPendingOrder()
    const response = await new HttpAgent().post(`${payPath(order.publicToken)}/manual`, { outcome: 'success' })
    assert.notEqual(response.location, `/orders/${order.publicToken}`)
    await order.refresh()
    assert.equal(order.paymentStatus, 'pending')
  })
})

test.group('Storefront | payment page and webhook with Stripe (local stand-in)', (group) => {
  group.each.setup(async () => {
    await clearRateLimits()
    await stripeStandIn()
    ;pluginHost.payments.prefer('stripe')
    return () => pluginHost.payments.prefer(undefined)
  })

  test('renders the Payment Element step; the signed webhook marks the order paid', async ({ assert }) => {
    const { standIn } = await stripeStandIn()
    const { order, variant } = await createPendingOrder({ unitPrice: 1250, quantity: 2 })
    const agent = new HttpAgent()

    const page = await agent.get(payPath(order.publicToken))
    assert.equal(page.status, 200)
    const create = standIn.requests.find((r) => r.idempotencyKey === `order-${order.id}-attempt-1`)
    assert.exists(create, 'the stand-in saw the idempotency key')
    const intentId = (await Payment.findByOrFail('order_id', order.id)).providerRef!
    assert.include(page.text, `data-client-secret="${intentId}_secret_standin"`)
    assert.include(page.text, 'data-publishable-key="pk_test_standin"')
    assert.include(page.text, `data-return-url="http://127.0.0.1:${process.env.PORT}/orders/${order.publicToken}/pay/return"`)
    assert.include(page.text, 'src="https://js.stripe.com/v3/"')
    assert.include(page.text, asset('/js/stripe_payment.js'))
    assert.notInclude(page.text, 'Test mode:')

    // the manual test step is closed while Stripe is the active driver (token from a manual-mode page)
    ;pluginHost.payments.prefer('manual')
    const other = await createPendingOrder()
    const csrf = await agent.csrfTokenFrom(payPath(other.order.publicToken))
    ;pluginHost.payments.prefer('stripe')
    const manual = await agent.post(`${payPath(order.publicToken)}/manual`, { outcome: 'success', _csrf: csrf })
    assert.equal(manual.status, 404)

    const { payload, signature } = standIn.signedEvent('payment_intent.succeeded', standIn.succeed(intentId))
    const response = await postWebhook(payload, signature)
    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), { received: true, outcome: 'paid' })
    assert.isNull(response.headers.get('set-cookie'))
    await order.refresh()
    assert.equal(order.paymentStatus, 'paid')
    assert.deepEqual(await stockOf(variant.id), { onHand: 8, reserved: 0 })

    const replay = await postWebhook(payload, signature)
    assert.equal(replay.status, 200)
    assert.deepEqual(await replay.json(), { received: true, outcome: 'duplicate_event' })
  })

  test('back from Stripe: the order is paid after asking the API; the later webhook changes nothing', async ({ assert }) => {
    const { standIn } = await stripeStandIn()
    const { order } = await createPendingOrder()
    const agent = new HttpAgent()
    await agent.get(payPath(order.publicToken))
    const intentId = (await Payment.findByOrFail('order_id', order.id)).providerRef!

    // not paid yet (the query string is not trusted): back to the order, still pending
    const early = await agent.get(`${payPath(order.publicToken)}/return?payment_intent=${intentId}&redirect_status=succeeded`)
    assert.equal(early.location, `/orders/${order.publicToken}`)
    await order.refresh()
    assert.equal(order.paymentStatus, 'pending')

    const declined = await agent.get(`${payPath(order.publicToken)}/return?redirect_status=failed`)
    assert.equal(declined.location, payPath(order.publicToken))

    standIn.succeed(intentId)
    const back = await agent.get(`${payPath(order.publicToken)}/return?payment_intent=${intentId}`)
    assert.equal(back.status, 302)
    assert.equal(back.location, `/orders/${order.publicToken}`)
    await order.refresh()
    assert.equal(order.paymentStatus, 'paid')

    const { payload, signature } = standIn.signedEvent('payment_intent.succeeded', standIn.intents.get(intentId))
    const late = await postWebhook(payload, signature)
    assert.deepEqual(await late.json(), { received: true, outcome: 'already_paid' })
    const paidEvents = await db.from('order_events').where('order_id', order.id).where('type', 'payment_paid')
    assert.lengthOf(paidEvents, 1)
  })

  test('a forged or unsigned webhook gets 400 and changes nothing', async ({ assert }) => {
    const { standIn } = await stripeStandIn()
    const { order } = await createPendingOrder()
    await new HttpAgent().get(payPath(order.publicToken))
    const intentId = (await Payment.findByOrFail('order_id', order.id)).providerRef!

    const forged = standIn.signedEvent('payment_intent.succeeded', standIn.succeed(intentId), 'whsec_attacker')
    assert.equal((await postWebhook(forged.payload, forged.signature)).status, 400)
    assert.equal((await postWebhook(forged.payload, null)).status, 400)
    await order.refresh()
    assert.equal(order.paymentStatus, 'pending')
    assert.equal((await Payment.findByOrFail('order_id', order.id)).status, 'pending')
    const claimed = await db.from('payment_webhook_events').where('order_id', order.id)
    assert.lengthOf(claimed, 0)
  })

  test('Stripe unreachable: a clear page and nothing half-made; the next load works', async ({ assert }) => {
    const { standIn } = await stripeStandIn()
    const { order } = await createPendingOrder()
    standIn.failNext = 3 // the first try and both SDK retries
    const page = await new HttpAgent().get(payPath(order.publicToken))
    assert.equal(page.status, 503)
    assert.include(page.text, 'could not reach the payment provider')
    assert.isNull((await Payment.findByOrFail('order_id', order.id)).providerRef)

    const again = await new HttpAgent().get(payPath(order.publicToken))
    assert.equal(again.status, 200)
    const payment = await Payment.findByOrFail('order_id', order.id)
    assert.match(payment.providerRef!, /^pi_standin_/)
    assert.equal(payment.idempotencyKey, `order-${order.id}-attempt-1`)
  })

  test('an unknown provider is a 404', async ({ assert }) => {
    const response = await fetch(`http://127.0.0.1:${process.env.PORT}/webhooks/payments/nobody`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    assert.equal(response.status, 404)
  })
})
