/*
|--------------------------------------------------------------------------
| Back-office: resending order emails
|--------------------------------------------------------------------------
|
| Signed-in staff with orders.fulfill or orders.refund (checked in the
| controller and by the admin route table).
|
*/
import router from '@adonisjs/core/services/router'
import { recordId } from '#services/route_params'
import { middleware } from '#start/kernel'

const OrderEmailsController = () => import('#controllers/admin/order_emails_controller')

router
  .post('/admin/orders/:id/emails/resend', [OrderEmailsController, 'resend'])
  .where('id', recordId)
  .as('admin.orders.emails.resend')
  .use([middleware.staffAuth(), middleware.adminShell()])
