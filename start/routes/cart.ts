/*
|--------------------------------------------------------------------------
| Cart routes
|--------------------------------------------------------------------------
|
| Stateful (session, CSRF, auth) like every non-catalog route, except that
| adding a line is exempt from the CSRF token (config/shield.ts): the form
| sits on page-cached product pages that have no session. It checks the
| request's origin instead (#services/request_origin).
| Plain forms use POST with `?_method=PATCH|DELETE` (method spoofing).
|
*/
import router from '@adonisjs/core/services/router'
import { recordId } from '#services/route_params'

const CartController = () => import('#controllers/storefront/cart_controller')

router
  .group(() => {
    router.get('/', [CartController, 'show']).as('show')
    router.get('/mini', [CartController, 'mini']).as('mini')
    router.post('/lines', [CartController, 'addLine']).as('lines.store')
    router.patch('/lines/:variantId', [CartController, 'updateLine']).where('variantId', recordId).as('lines.update')
    router.delete('/lines/:variantId', [CartController, 'removeLine']).where('variantId', recordId).as('lines.destroy')
    router.post('/discount', [CartController, 'applyDiscount']).as('discount.store')
    router.delete('/discount', [CartController, 'removeDiscount']).as('discount.destroy')
    router.post('/shipping-estimate', [CartController, 'estimateShipping']).as('shipping.estimate')
    router.post('/shipping-method', [CartController, 'chooseShipping']).as('shipping.method')
  })
  .prefix('/cart')
  .as('storefront.cart')
