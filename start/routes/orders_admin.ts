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
import { recordId } from '#services/route_params'
import { middleware } from '#start/kernel'

const OrdersController = () => import('#controllers/admin/orders_controller')
const OrderActionsController = () => import('#controllers/admin/order_actions_controller')
const OrderBulkFulfillmentsController = () => import('#controllers/admin/order_bulk_fulfillments_controller')
const OrderDetailsController = () => import('#controllers/admin/order_details_controller')
const OrderViewsController = () => import('#controllers/admin/order_views_controller')
const ExportsController = () => import('#controllers/admin/exports_controller')

const id = recordId

router
  .group(() => {
    router.get('orders', [OrdersController, 'index']).as('orders.index')
    router.get('orders/export.csv', [ExportsController, 'orders']).as('orders.export')
    router.post('orders/bulk-fulfillments', [OrderBulkFulfillmentsController, 'store']).as('orders.bulk_fulfillments.store')
    router.get('orders/bulk-fulfillments/:id', [OrderBulkFulfillmentsController, 'show']).where('id', id).as('orders.bulk_fulfillments.show')
    router.get('orders/pick-list', [OrderDetailsController, 'pickList']).as('orders.pick_list')
    router.post('orders/views', [OrderViewsController, 'store']).as('orders.views.store')
    router.post('orders/views/:id/delete', [OrderViewsController, 'destroy']).where('id', id).as('orders.views.destroy')
    router.post('orders/:id/tags', [OrderDetailsController, 'tag']).where('id', id).as('orders.tags.store')
    router.post('orders/:id/tags/delete', [OrderDetailsController, 'untag']).where('id', id).as('orders.tags.destroy')
    router.post('orders/:id/shipping-address', [OrderDetailsController, 'updateAddress']).where('id', id).as('orders.shipping_address.update')
    router.get('orders/:id', [OrdersController, 'show']).where('id', id).as('orders.show')
    router.get('orders/:id/packing-slip', [OrdersController, 'packingSlip']).where('id', id).as('orders.packing_slip')
    router.post('orders/:id/notes', [OrdersController, 'note']).where('id', id).as('orders.notes.store')
    router.post('orders/:id/packed', [OrdersController, 'pack']).where('id', id).as('orders.pack')
    router.post('orders/:id/delivered', [OrdersController, 'deliver']).where('id', id).as('orders.deliver')
    router.post('orders/:id/refunds', [OrderActionsController, 'refund']).where('id', id).as('orders.refunds.store')
    router.post('orders/:id/cancel', [OrderActionsController, 'cancel']).where('id', id).as('orders.cancel')
    router.post('orders/:id/fulfillments', [OrderActionsController, 'fulfill']).where('id', id).as('orders.fulfillments.store')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
