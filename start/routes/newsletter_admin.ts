/*
|--------------------------------------------------------------------------
| Back-office: Customers › Subscribers (the newsletter list)
|--------------------------------------------------------------------------
|
| Named under admin.customers, so the route permission table asks for
| customers.read, as the controller does.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const NewsletterSubscribersController = () => import('#controllers/admin/newsletter_subscribers_controller')
const ExportsController = () => import('#controllers/admin/exports_controller')

router
  .group(() => {
    router.get('customers/subscribers', [NewsletterSubscribersController, 'index']).as('customers.subscribers.index')
    router.get('customers/subscribers/export.csv', [ExportsController, 'subscribers']).as('customers.subscribers.export')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.staffAuth(), middleware.adminShell()])
