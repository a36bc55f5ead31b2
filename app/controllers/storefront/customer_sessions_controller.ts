import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import SignInCustomer from '#actions/checkout/sign_in_customer'
import { customerSessionValidator } from '#validators/checkout'

/**
 * Shopper sign-in and sign-out. Sign-in lives on the checkout page for
 * now (the account area comes later) and returns there.
 */
export default class CustomerSessionsController {
  @inject()
  async store({ request, response, session }: HttpContext, signIn: SignInCustomer) {
    const { email, password } = await request.validateUsing(customerSessionValidator)
    const result = await signIn.handle({ email, password })
    if (!result.signedIn) {
      session.flashOnly(['email'])
      // One message for a wrong email and a wrong password: no account enumeration.
      session.flash('signInError', 'That email and password do not match an account. Check them, or continue as a guest.')
      return response.redirect().toRoute('storefront.checkout.details')
    }
    session.flash('notice', `Signed in as ${result.customer.email}.`)
    return response.redirect().toRoute('storefront.checkout.details')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('customer').logout()
    session.flash('notice', 'You have signed out.')
    return response.redirect().toRoute('storefront.home')
  }
}
