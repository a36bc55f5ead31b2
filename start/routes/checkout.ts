/*
|--------------------------------------------------------------------------
| Checkout and order status routes
|--------------------------------------------------------------------------
|
| Personal pages: session, CSRF and the customer guard apply (they are not
| in PUBLIC_PAGE_ROUTES) and every answer is `private, no-store`.
|
*/
import router from '@adonisjs/core/services/router'
import { customerLoginThrottle, placeOrderThrottle } from '#start/limiter'

const CheckoutController = () => import('#controllers/storefront/checkout_controller')
const CustomerSessionsController = () => import('#controllers/storefront/customer_sessions_controller')
const OrdersController = () => import('#controllers/storefront/orders_controller')

router
  .group(() => {
    router.get('/', [CheckoutController, 'details']).as('details')
    router.post('/', [CheckoutController, 'saveDetails']).as('details.save')
    router.get('/shipping', [CheckoutController, 'shipping']).as('shipping')
    router.post('/shipping', [CheckoutController, 'saveShipping']).as('shipping.save')
    router.get('/summary', [CheckoutController, 'summary']).as('summary')
    router.get('/review', [CheckoutController, 'review']).as('review')
    router.post('/place', [CheckoutController, 'place']).as('place').use(placeOrderThrottle)
  })
  .prefix('/checkout')
  .as('storefront.checkout')

router
  .post('/customer/sign-in', [CustomerSessionsController, 'store'])
  .as('storefront.customer_sessions.store')
  .use(customerLoginThrottle)
router.post('/customer/sign-out', [CustomerSessionsController, 'destroy']).as('storefront.customer_sessions.destroy')

router.get('/orders/:token', [OrdersController, 'show']).as('storefront.orders.show')
