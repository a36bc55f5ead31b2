/*
|--------------------------------------------------------------------------
| Back-office: Settings › Policies
|--------------------------------------------------------------------------
|
| Signed-in staff with settings.manage (the controller checks, and the
| route permission table in app/policies/admin_routes.ts).
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const StorePoliciesController = () => import('#controllers/admin/store_policies_controller')

router
  .group(() => {
    router.get('settings/policies', [StorePoliciesController, 'edit']).as('settings.policies.edit')
    router.post('settings/policies', [StorePoliciesController, 'update']).as('settings.policies.update')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
