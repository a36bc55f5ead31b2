/*
|--------------------------------------------------------------------------
| Back-office: store settings
|--------------------------------------------------------------------------
|
| /admin/settings lists the settings pages (app/settings/settings_pages.ts);
| each page has its routes here or in its own file under /admin/settings/.
| Signed-in staff with settings.manage (the route table and each controller
| check it). Plain forms post with `?_method=PUT`.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SettingsController = () => import('#controllers/admin/settings_controller')

router
  .group(() => {
    router.get('settings', [SettingsController, 'index']).as('settings.index')
    router.get('settings/home', [SettingsController, 'editHome']).as('settings.home.edit')
    // multipart: the hero picture comes with the form
    router.put('settings/home', [SettingsController, 'updateHome']).as('settings.home.update')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
