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
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
