import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import SignUpCustomer from '#actions/accounts/sign_up_customer'
import VerifyCustomerEmail from '#actions/accounts/verify_customer_email'
import SendVerificationEmail from '#actions/accounts/send_verification_email'
import StartCustomerSession from '#actions/accounts/start_customer_session'
import { signUpValidator, tokenParamValidator } from '#validators/account'
import { signedInCustomer } from '#services/cart_session'

/** Sign-up, the emailed verification link and "send it again". */
export default class AccountRegistrationsController {
  async create(ctx: HttpContext) {
    if (await signedInCustomer(ctx)) return ctx.response.redirect().toRoute('storefront.account.show')
    return ctx.view.render('pages/storefront/account/sign_up')
  }

  @inject()
  async store(ctx: HttpContext, signUpCustomer: SignUpCustomer, startCustomerSession: StartCustomerSession) {
    const { request, response, session } = ctx
    const input = await request.validateUsing(signUpValidator)
    const result = await signUpCustomer.handle(input)
    if (result.status === 'exists') {
      session.flashExcept(['password', 'password_confirmation'])
      session.flash('error', 'An account with that email already exists. Sign in, or reset your password if you forgot it.')
      return response.redirect().toRoute('storefront.account.sign_up')
    }
    await startCustomerSession.handle(ctx, result.customer)
    session.flash('notice', `Welcome! We sent a link to ${result.customer.email}: open it to confirm your email address.`)
    return response.redirect().toRoute('storefront.account.show')
  }

  /** The link from the verification email (works signed in or out, once). */
  @inject()
  async verify(ctx: HttpContext, verifyCustomerEmail: VerifyCustomerEmail) {
    const { params, response, session, view } = ctx
    const [error, valid] = await tokenParamValidator.tryValidate(params)
    const customerId = error ? null : await verifyCustomerEmail.handle(valid.token)
    if (!customerId) {
      response.status(404)
      return view.render('pages/storefront/account/link_invalid', { what: 'This confirmation link' })
    }
    session.flash('notice', 'Thank you: your email address is confirmed.')
    const signedIn = await signedInCustomer(ctx)
    return response.redirect().toRoute(signedIn ? 'storefront.account.show' : 'storefront.account.sign_in')
  }

  @inject()
  async resend(ctx: HttpContext, sendVerificationEmail: SendVerificationEmail) {
    const customer = ctx.auth.use('customer').user!
    const outcome = await sendVerificationEmail.handle(customer)
    ctx.session.flash('notice', outcome === 'sent' ? `We sent a new link to ${customer.email}.` : 'Your email address is already confirmed.')
    return ctx.response.redirect().toRoute('storefront.account.show')
  }
}
