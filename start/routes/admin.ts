/*
|--------------------------------------------------------------------------
| Back-office routes
|--------------------------------------------------------------------------
|
| Everything under /admin except sign-in needs a signed-in, active staff
| member (staffAuth) and gets the admin layout's data (adminShell).
|
*/
import router from '@adonisjs/core/services/router'
import { recordId } from '#services/route_params'
import { middleware } from '#start/kernel'
import { adminSearchThrottle, staffLoginThrottle } from '#start/limiter'

const SessionsController = () => import('#controllers/admin/sessions_controller')
const DashboardController = () => import('#controllers/admin/dashboard_controller')
const EventDeliveriesController = () => import('#controllers/admin/event_deliveries_controller')
const JobsController = () => import('#controllers/admin/jobs_controller')
const ProductsController = () => import('#controllers/admin/products_controller')
const CollectionsController = () => import('#controllers/admin/collections_controller')
const ProductImagesController = () => import('#controllers/admin/product_images_controller')
const ExportsController = () => import('#controllers/admin/exports_controller')
const SearchController = () => import('#controllers/admin/search_controller')
const StyleguideController = () => import('#controllers/admin/styleguide_controller')
const ColorSchemeController = () => import('#controllers/admin/color_scheme_controller')

router
  .group(() => {
    router.get('login', [SessionsController, 'create']).as('login').use(middleware.staffGuest())
    router.post('login', [SessionsController, 'store']).as('login.store').use(staffLoginThrottle)
    router.post('logout', [SessionsController, 'destroy']).as('logout').use(middleware.staffAuth())
  })
  .prefix('/admin')
  .as('admin')

router
  .group(() => {
    router.get('/', [DashboardController, 'index']).as('dashboard')
    // the command palette's JSON; each kind of result checks its own permission
    router.get('search.json', [SearchController, 'index']).as('search').use(adminSearchThrottle)
    router.get('styleguide', [StyleguideController, 'index']).as('styleguide')
    router.post('color-scheme', [ColorSchemeController, 'update']).as('color_scheme')
    router.post('products/bulk', [ProductsController, 'bulk']).as('products.bulk')
    router.get('collections/product-picker', [CollectionsController, 'picker']).as('collections.picker')
    // Editors live at /new (not the resource default /create); the rest is the usual resource.
    router.get('products/new', [ProductsController, 'create']).as('products.create')
    router.get('products/export.csv', [ExportsController, 'products']).as('products.export')
    router.resource('products', ProductsController).only(['index', 'store', 'edit', 'update', 'destroy']).where('id', recordId)
    // The editor's Images panel: upload, alt text and variants, order, delete.
    router
      .group(() => {
        router.post('/', [ProductImagesController, 'store']).as('store')
        // drag and drop sends the whole order at once; the move buttons one step
        router.post('order', [ProductImagesController, 'order']).as('order')
        router.put(':imageId', [ProductImagesController, 'update']).as('update')
        router.post(':imageId/move', [ProductImagesController, 'move']).as('move')
        router.delete(':imageId', [ProductImagesController, 'destroy']).as('destroy')
      })
      .prefix('products/:id/images')
      .where('id', recordId)
      .where('imageId', recordId)
      .as('products.images')
    router.get('collections/new', [CollectionsController, 'create']).as('collections.create')
    router.resource('collections', CollectionsController).only(['index', 'store', 'edit', 'update', 'destroy']).where('id', recordId)
    router.get('system/events', [EventDeliveriesController, 'index']).as('events.index')
    router
      .get('system/events/:id', [EventDeliveriesController, 'show'])
      .where('id', recordId)
      .as('events.show')
    router
      .post('system/events/deliveries/:id/retry', [EventDeliveriesController, 'retry'])
      .where('id', recordId)
      .as('events.retry')
    router.get('system/jobs', [JobsController, 'index']).as('jobs.index')
    router.post('system/jobs/:id/retry', [JobsController, 'retry']).as('jobs.retry')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
