import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import Customer from '#models/customer'
import NewsletterSubscriber from '#models/newsletter_subscriber'
import UpdateProfile from '#actions/accounts/update_profile'
import ChangeCustomerPassword from '#actions/accounts/change_customer_password'
import RequestEmailChange from '#actions/accounts/request_email_change'
import ConfirmEmailChange from '#actions/accounts/confirm_email_change'
import ExportCustomerData from '#actions/accounts/export_customer_data'
import DeleteCustomerAccount from '#actions/accounts/delete_customer_account'
import StartCustomerSession from '#actions/accounts/start_customer_session'
import { recentOrders } from '#queries/customer_orders_query'
import { signedInCustomer } from '#services/cart_session'
import {
  changeEmailValidator,
  changePasswordValidator,
  deleteAccountValidator,
  profileValidator,
  tokenParamValidator,
} from '#validators/account'

/** The account page (profile, password, email, newsletter choice), data export and deletion. */
export default class AccountController {
  async show(ctx: HttpContext) {
    const customer = current(ctx)
    return ctx.view.render('pages/storefront/account/show', {
      customer,
      section: 'profile',
      orders: customer.emailVerifiedAt ? await recentOrders(customer, 5) : [],
      newsletterSubscribed: await NewsletterSubscriber.isSubscribed(customer.email),
    })
  }

  @inject()
  async updateProfile(ctx: HttpContext, updateProfile: UpdateProfile) {
    const input = await ctx.request.validateUsing(profileValidator)
    await updateProfile.handle(current(ctx), input)
    ctx.session.flash('notice', 'Your details were saved.')
    return ctx.response.redirect().toRoute('storefront.account.show')
  }

  @inject()
  async updatePassword(ctx: HttpContext, changeCustomerPassword: ChangeCustomerPassword, startCustomerSession: StartCustomerSession) {
    const { current_password: currentPassword, password } = await ctx.request.validateUsing(changePasswordValidator)
    const customer = current(ctx)
    if (!(await changeCustomerPassword.handle(customer, currentPassword, password))) {
      ctx.session.flash('inputErrorsBag', { current_password: ['That is not your current password'] })
      return ctx.response.redirect().toRoute('storefront.account.show')
    }
    // The new password signed every session out; this one starts again.
    await startCustomerSession.handle(ctx, customer)
    ctx.session.flash('notice', 'Your password was changed. Other devices were signed out.')
    return ctx.response.redirect().toRoute('storefront.account.show')
  }

  @inject()
  async requestEmailChange(ctx: HttpContext, requestEmailChange: RequestEmailChange) {
    const { email, current_password: password } = await ctx.request.validateUsing(changeEmailValidator)
    const outcome = await requestEmailChange.handle(current(ctx), email, password)
    if (outcome === 'wrong_password') {
      ctx.session.flashOnly(['email'])
      ctx.session.flash('inputErrorsBag', { email_password: ['That is not your current password'] })
    } else if (outcome === 'same') {
      ctx.session.flash('notice', 'That is already your email address.')
    } else {
      ctx.session.flash('notice', `We sent a link to ${email}. Your address changes when you open it.`)
    }
    return ctx.response.redirect().toRoute('storefront.account.show')
  }

  /** The link from the "confirm your new email address" email. */
  @inject()
  async confirmEmail(ctx: HttpContext, confirmEmailChange: ConfirmEmailChange) {
    const { params, response, session, view } = ctx
    const [error, valid] = await tokenParamValidator.tryValidate(params)
    const result = error ? ({ status: 'invalid' } as const) : await confirmEmailChange.handle(valid.token)
    if (result.status !== 'changed') {
      response.status(result.status === 'taken' ? 409 : 404)
      return view.render('pages/storefront/account/link_invalid', {
        what: 'This email change link',
        reason: result.status === 'taken' ? 'That address now belongs to another account.' : null,
      })
    }
    const signedIn = await signedInCustomer(ctx)
    if (signedIn?.id === result.customerId) await signedIn.refresh()
    session.flash('notice', `Your email address is now ${result.email}.`)
    return response.redirect().toRoute(signedIn ? 'storefront.account.show' : 'storefront.account.sign_in')
  }

  /** A JSON file of everything kept about the customer. */
  @inject()
  async export(ctx: HttpContext, exportCustomerData: ExportCustomerData) {
    const data = await exportCustomerData.handle(current(ctx))
    ctx.response.header('Content-Type', 'application/json; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="account-data-${new Date().toISOString().slice(0, 10)}.json"`)
    return ctx.response.send(JSON.stringify(data, null, 2))
  }

  async confirmDelete(ctx: HttpContext) {
    return ctx.view.render('pages/storefront/account/delete', { customer: current(ctx), section: 'delete' })
  }

  @inject()
  async destroy(ctx: HttpContext, deleteCustomerAccount: DeleteCustomerAccount) {
    const { current_password: password } = await ctx.request.validateUsing(deleteAccountValidator)
    if (!(await deleteCustomerAccount.handle(current(ctx), password))) {
      ctx.session.flash('inputErrorsBag', { current_password: ['That is not your current password'] })
      return ctx.response.redirect().toRoute('storefront.account.delete')
    }
    await ctx.auth.use('customer').logout()
    ctx.session.flash('notice', 'Your account was deleted and your personal details erased.')
    return ctx.response.redirect().toRoute('storefront.home')
  }
}

function current(ctx: HttpContext): Customer {
  return ctx.auth.use('customer').user!
}
