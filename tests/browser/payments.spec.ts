import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { closeBrowser, newSession, type BrowserSession } from '#tests/helpers/browser'
import { stripeStandIn } from '#tests/helpers/stripe_stand_in'
import { createPendingOrder } from '#tests/helpers/payment_orders'

/** Where drivers register: these tests switch the active one with `payments.prefer`. */
const pluginHost = await app.container.make('stockroom.plugins')

/**
 * A stand-in for Stripe.js (the real one needs the network): it records
 * what stripe_payment.js mounts and confirms, and answers the confirmation
 * with a card decline, as Stripe.js does before any redirect.
 */
const FAKE_STRIPE_JS = `
window.__stripe = { calls: [] };
window.Stripe = function (key) {
  window.__stripe.key = key;
  return {
    elements: function (options) {
      window.__stripe.clientSecret = options.clientSecret;
      return {
        create: function (type) {
          var handlers = {};
          return {
            mount: function (selector) {
              window.__stripe.calls.push('mount ' + type + ' ' + selector);
              if (type === 'payment') setTimeout(function () { handlers.ready && handlers.ready(); }, 0);
            },
            on: function (name, fn) { handlers[name] = fn; },
          };
        },
      };
    },
    confirmPayment: function (args) {
      window.__stripe.calls.push('confirm ' + args.confirmParams.return_url);
      return Promise.resolve({ error: { message: 'Your card was declined.' } });
    },
  };
};`

test.group('Storefront | payment page in a browser', (group) => {
  let session: BrowserSession | undefined
  group.each.setup(async () => {
    session = await newSession()
    return async () => {
      pluginHost.payments.prefer(undefined)
      await session?.context.close()
    }
  })
  group.teardown(() => closeBrowser())

  test('manual driver: a decline, then a retry that pays', async ({ assert }) => {
    const { page, cspViolations } = session!
    const { order } = await createPendingOrder({ unitPrice: 1500, quantity: 1 })

    await page.goto(`/orders/${order.publicToken}/pay`)
    await page.getByRole('button', { name: 'Test a decline' }).click()
    await page.waitForURL(`**/orders/${order.publicToken}/pay`)
    assert.include(await page.locator('[role=alert]').first().innerText(), 'declined')

    await page.getByRole('button', { name: 'Pay $15.00 (test: success)' }).click()
    await page.waitForURL(`**/orders/${order.publicToken}`)
    await order.refresh()
    assert.equal(order.paymentStatus, 'paid')
    assert.deepEqual(cspViolations, [])
  })

  test('stripe: the script mounts both elements and confirms with the return URL', async ({ assert }) => {
    await stripeStandIn()
    pluginHost.payments.prefer('stripe')
    const { page, cspViolations } = session!
    const { order } = await createPendingOrder()

    // Stripe is configured in production only; let this page load the fake Stripe.js as it would the real one.
    await page.route('**/orders/*/pay', async (route) => {
      const response = await route.fetch()
      const headers = response.headers()
      headers['content-security-policy'] = headers['content-security-policy'].replace(
        "script-src 'self'",
        "script-src 'self' https://js.stripe.com"
      )
      await route.fulfill({ response, headers })
    })
    await page.route('https://js.stripe.com/v3/', (route) =>
      route.fulfill({ status: 200, contentType: 'application/javascript', body: FAKE_STRIPE_JS })
    )

    await page.goto(`/orders/${order.publicToken}/pay`)
    const pay = page.locator('#stripe-pay-button')
    await pay.waitFor()
    await page.waitForFunction(() => !(globalThis as any).document.getElementById('stripe-pay-button').disabled)
    await pay.click()
    await page.locator('#stripe-payment-error').filter({ hasText: 'Your card was declined.' }).waitFor()

    const stripe = await page.evaluate(() => (globalThis as any).__stripe)
    assert.equal(stripe.key, 'pk_test_standin')
    assert.match(stripe.clientSecret, /^pi_standin_\d+_secret_standin$/)
    assert.deepEqual(stripe.calls, [
      'mount payment #stripe-payment-element',
      'mount expressCheckout #stripe-express-checkout',
      `confirm http://127.0.0.1:${process.env.PORT}/orders/${order.publicToken}/pay/return`,
    ])
    assert.isFalse(await pay.isDisabled())
    assert.deepEqual(cspViolations, [])
  })
})
