import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import SignInCustomer from '#actions/checkout/sign_in_customer'
import { accountSignInValidator } from '#validators/account'
import { safeStorefrontRedirect } from '#services/safe_redirect'
import { signedInCustomer } from '#services/cart_session'

/**
 * The account sign-in page. Signing in is the checkout's action (same
 * guard, same per-account lockout, cart merge, new session id); this page
 * returns to a same-site `?next=` or the account.
 */
export default class AccountSessionsController {
  async create(ctx: HttpContext) {
    const next = safeStorefrontRedirect(ctx.request.input('next'))
    if (await signedInCustomer(ctx)) return ctx.response.redirect(next)
    return ctx.view.render('pages/storefront/account/sign_in', { next })
  }

  @inject()
  async store({ request, response, session }: HttpContext, signIn: SignInCustomer) {
    const { email, password, next } = await request.validateUsing(accountSignInValidator)
    const destination = safeStorefrontRedirect(next)
    const result = await signIn.handle({ email, password })
    if (!result.signedIn) {
      session.flashOnly(['email'])
      session.flash('error', 'That email and password do not match an account.')
      return response.redirect(`/account/sign-in?next=${encodeURIComponent(destination)}`)
    }
    return response.redirect(destination)
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('customer').logout()
    session.flash('notice', 'You have signed out.')
    return response.redirect().toRoute('storefront.account.sign_in')
  }
}
