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
import { middleware } from '#start/kernel'
import { staffLoginThrottle } from '#start/limiter'

const SessionsController = () => import('#controllers/admin/sessions_controller')
const DashboardController = () => import('#controllers/admin/dashboard_controller')
const EventDeliveriesController = () => import('#controllers/admin/event_deliveries_controller')

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
    router.get('system/events', [EventDeliveriesController, 'index']).as('events.index')
    router
      .get('system/events/:id', [EventDeliveriesController, 'show'])
      .where('id', router.matchers.number())
      .as('events.show')
    router
      .post('system/events/deliveries/:id/retry', [EventDeliveriesController, 'retry'])
      .where('id', router.matchers.number())
      .as('events.retry')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
