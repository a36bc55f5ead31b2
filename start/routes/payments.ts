/*
|--------------------------------------------------------------------------
| Payment routes
|--------------------------------------------------------------------------
|
| Core owns the payment flow: the payment page of an order and the provider
| webhooks. Payment plugins only register drivers (docs/payments.md); the
| page shows the active driver's step, the webhook URL names the driver.
|
*/
import router from '@adonisjs/core/services/router'
import { paymentPageThrottle } from '#start/limiter'

const OrderPaymentsController = () => import('#controllers/storefront/order_payments_controller')
const PaymentWebhooksController = () => import('#controllers/payment_webhooks_controller')

router
  .group(() => {
    router.get('/orders/:token/pay', [OrderPaymentsController, 'show']).as('storefront.orders.pay')
    router.post('/orders/:token/pay/manual', [OrderPaymentsController, 'manual']).as('storefront.orders.pay.manual')
    router.get('/orders/:token/pay/return', [OrderPaymentsController, 'returned']).as('storefront.orders.pay.return')
  })
  .use(paymentPageThrottle)

// No session, no CSRF: providers post here without a browser (see web_session_middleware).
router
  .post('/webhooks/payments/:provider', [PaymentWebhooksController, 'handle'])
  .where('provider', /^[a-z][a-z0-9-]*$/)
  .as('webhooks.payments')
