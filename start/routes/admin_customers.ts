/*
|--------------------------------------------------------------------------
| Back-office: customers
|--------------------------------------------------------------------------
|
| Signed-in staff; the controller checks customers.read to see and
| customers.write to change tags and notes.
|
*/
import router from '@adonisjs/core/services/router'
import { recordId } from '#services/route_params'
import { middleware } from '#start/kernel'

const CustomersController = () => import('#controllers/admin/customers_controller')
const ExportsController = () => import('#controllers/admin/exports_controller')

const id = recordId

router
  .group(() => {
    router.get('customers', [CustomersController, 'index']).as('customers.index')
    router.get('customers/export.csv', [ExportsController, 'customers']).as('customers.export')
    router.get('customers/:id', [CustomersController, 'show']).where('id', id).as('customers.show')
    router.post('customers/:id/tags', [CustomersController, 'updateTags']).where('id', id).as('customers.tags.update')
    router.post('customers/:id/notes', [CustomersController, 'storeNote']).where('id', id).as('customers.notes.store')
    router
      .post('customers/:id/notes/:noteId/delete', [CustomersController, 'destroyNote'])
      .where('id', id)
      .where('noteId', id)
      .as('customers.notes.destroy')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
