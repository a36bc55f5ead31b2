/*
|--------------------------------------------------------------------------
| Customer account routes
|--------------------------------------------------------------------------
|
| Personal pages (session, CSRF, `private, no-store`). Sign-up, sign-in,
| password reset and the emailed links work signed out; the rest needs the
| customer guard (middleware.customerAuth). Numeric ids appear only for
| the customer's own addresses, and every query is scoped to them.
|
*/
import router from '@adonisjs/core/services/router'
import { recordId } from '#services/route_params'
import { middleware } from '#start/kernel'
import { accountEmailThrottle, accountTokenThrottle, customerLoginThrottle, customerSignUpThrottle } from '#start/limiter'

const RegistrationsController = () => import('#controllers/storefront/account_registrations_controller')
const SessionsController = () => import('#controllers/storefront/account_sessions_controller')
const PasswordResetsController = () => import('#controllers/storefront/password_resets_controller')
const AccountController = () => import('#controllers/storefront/account_controller')
const AddressesController = () => import('#controllers/storefront/account_addresses_controller')
const OrdersController = () => import('#controllers/storefront/account_orders_controller')

router
  .group(() => {
    router.get('/sign-up', [RegistrationsController, 'create']).as('sign_up')
    router.post('/sign-up', [RegistrationsController, 'store']).as('sign_up.store').use(customerSignUpThrottle)
    router.get('/verify/:token', [RegistrationsController, 'verify']).as('verify')
    router.get('/sign-in', [SessionsController, 'create']).as('sign_in')
    router.post('/sign-in', [SessionsController, 'store']).as('sign_in.store').use(customerLoginThrottle)
    router.post('/sign-out', [SessionsController, 'destroy']).as('sign_out')
    router.get('/forgot-password', [PasswordResetsController, 'create']).as('forgot_password')
    router.post('/forgot-password', [PasswordResetsController, 'store']).as('forgot_password.store').use(accountEmailThrottle)
    router.get('/reset-password/:token', [PasswordResetsController, 'edit']).as('reset_password')
    router.post('/reset-password/:token', [PasswordResetsController, 'update']).as('reset_password.update').use(accountTokenThrottle)
    router.get('/email/confirm/:token', [AccountController, 'confirmEmail']).as('email.confirm')
  })
  .prefix('/account')
  .as('storefront.account')

router
  .group(() => {
    router.get('/', [AccountController, 'show']).as('show')
    router.post('/verify/resend', [RegistrationsController, 'resend']).as('verify.resend').use(accountEmailThrottle)
    router.post('/profile', [AccountController, 'updateProfile']).as('profile.update')
    router.post('/password', [AccountController, 'updatePassword']).as('password.update')
    router.post('/email', [AccountController, 'requestEmailChange']).as('email.update').use(accountEmailThrottle)
    router.get('/export', [AccountController, 'export']).as('export')
    router.get('/delete', [AccountController, 'confirmDelete']).as('delete')
    router.post('/delete', [AccountController, 'destroy']).as('destroy')

    router.get('/orders', [OrdersController, 'index']).as('orders.index')
    router.get('/orders/:token', [OrdersController, 'show']).as('orders.show')
    router.post('/orders/:token/reorder', [OrdersController, 'reorder']).as('orders.reorder')

    router.get('/addresses', [AddressesController, 'index']).as('addresses.index')
    router.post('/addresses', [AddressesController, 'store']).as('addresses.store')
    router.get('/addresses/:id/edit', [AddressesController, 'edit']).where('id', recordId).as('addresses.edit')
    router.post('/addresses/:id', [AddressesController, 'update']).where('id', recordId).as('addresses.update')
    router.post('/addresses/:id/delete', [AddressesController, 'destroy']).where('id', recordId).as('addresses.destroy')
  })
  .prefix('/account')
  .as('storefront.account')
  .use(middleware.customerAuth())
