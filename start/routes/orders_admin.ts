/*
|--------------------------------------------------------------------------
| Back-office: orders
|--------------------------------------------------------------------------
|
| Signed-in staff; each action checks its own permission (orders.read,
| orders.refund, orders.fulfill) in the controller.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OrdersController = () => import('#controllers/admin/orders_controller')
const OrderActionsController = () => import('#controllers/admin/order_actions_controller')

const id = router.matchers.number()

router
  .group(() => {
    router.get('orders', [OrdersController, 'index']).as('orders.index')
    router.get('orders/:id', [OrdersController, 'show']).where('id', id).as('orders.show')
    router.get('orders/:id/packing-slip', [OrdersController, 'packingSlip']).where('id', id).as('orders.packing_slip')
    router.post('orders/:id/notes', [OrdersController, 'note']).where('id', id).as('orders.notes.store')
    router.post('orders/:id/delivered', [OrdersController, 'deliver']).where('id', id).as('orders.deliver')
    router.post('orders/:id/refunds', [OrderActionsController, 'refund']).where('id', id).as('orders.refunds.store')
    router.post('orders/:id/cancel', [OrderActionsController, 'cancel']).where('id', id).as('orders.cancel')
    router.post('orders/:id/fulfillments', [OrderActionsController, 'fulfill']).where('id', id).as('orders.fulfillments.store')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
