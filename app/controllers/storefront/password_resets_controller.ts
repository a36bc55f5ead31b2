import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import RequestPasswordReset from '#actions/accounts/request_password_reset'
import ResetCustomerPassword from '#actions/accounts/reset_customer_password'
import { findUsableToken } from '#accounts/customer_tokens'
import { passwordResetRequestValidator, passwordResetValidator, tokenParamValidator } from '#validators/account'

/** "Forgot your password?": the request form, then the emailed link's form. */
export default class PasswordResetsController {
  async create({ view }: HttpContext) {
    return view.render('pages/storefront/account/forgot_password')
  }

  @inject()
  async store({ request, response, session }: HttpContext, requestPasswordReset: RequestPasswordReset) {
    const { email } = await request.validateUsing(passwordResetRequestValidator)
    await requestPasswordReset.handle(email)
    // The same answer whether or not the address has an account.
    session.flash('notice', `If ${email} belongs to an account, we sent it a link to reset the password. It works for one hour.`)
    return response.redirect().toRoute('storefront.account.forgot_password')
  }

  async edit({ params, view, response }: HttpContext) {
    const [error, valid] = await tokenParamValidator.tryValidate(params)
    if (error || !(await findUsableToken(valid.token, 'reset'))) return invalidLink(view, response)
    return view.render('pages/storefront/account/reset_password', { token: valid.token })
  }

  @inject()
  async update({ params, request, response, session, view }: HttpContext, resetCustomerPassword: ResetCustomerPassword) {
    const [error, valid] = await tokenParamValidator.tryValidate(params)
    if (error) return invalidLink(view, response)
    const { password } = await request.validateUsing(passwordResetValidator)
    const customer = await resetCustomerPassword.handle(valid.token, password)
    if (!customer) return invalidLink(view, response)
    session.flash('notice', 'Your password was changed and every other session signed out. Sign in with the new password.')
    return response.redirect().toRoute('storefront.account.sign_in')
  }
}

function invalidLink(view: HttpContext['view'], response: HttpContext['response']) {
  response.status(404)
  return view.render('pages/storefront/account/link_invalid', { what: 'This password reset link' })
}
