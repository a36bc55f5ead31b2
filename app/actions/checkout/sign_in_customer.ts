import { inject } from '@adonisjs/core'
import { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import limiter from '@adonisjs/limiter/services/main'
import Customer from '#models/customer'
import { mergeGuestCart } from '#actions/cart/merge_guest_cart'

/** Failed attempts per customer email before that account is locked for a while. */
export const CUSTOMER_LOGIN_FAILURES_PER_ACCOUNT = 5
const ACCOUNT_WINDOW = '15 minutes'

export type SignInCustomerResult = { signedIn: true; customer: Customer } | { signedIn: false }

/**
 * Signs a shopper in on the `customer` guard (never the staff one) during
 * checkout: checks the password in constant time whether or not the email
 * has an account (guest rows have no password and never match), counts
 * failures per email, starts a fresh session (the guard regenerates the
 * id) and moves the guest cart into the customer's.
 *
 * Throws the limiter's E_TOO_MANY_REQUESTS when the account is locked.
 */
@inject()
export default class SignInCustomer {
  constructor(protected ctx: HttpContext) {}

  async handle({ email, password }: { email: string; password: string }): Promise<SignInCustomerResult> {
    const accountLimiter = limiter.use({
      requests: CUSTOMER_LOGIN_FAILURES_PER_ACCOUNT,
      duration: ACCOUNT_WINDOW,
      blockDuration: ACCOUNT_WINDOW,
    })
    let customer: Customer
    try {
      const [throttled, verified] = await accountLimiter.penalize(`customer_login_account_${email}`, () =>
        verifyCustomer(email, password)
      )
      if (throttled) throw throttled
      customer = verified
    } catch (error) {
      if (error instanceof authErrors.E_INVALID_CREDENTIALS) return { signedIn: false }
      throw error
    }

    await this.ctx.auth.use('customer').login(customer)
    await mergeGuestCart(this.ctx, customer)
    return { signedIn: true, customer }
  }
}

/**
 * verifyCredentials hashes a dummy password when the email is unknown; a
 * guest row (no password) must fail the same way instead of erroring.
 */
async function verifyCustomer(email: string, password: string) {
  const candidate = await Customer.query().where('email', email).whereNotNull('password').first()
  if (!candidate) {
    // Same cost as a real check, then the same refusal.
    return Customer.verifyCredentials(`no-account-${email}`, password)
  }
  return Customer.verifyCredentials(email, password)
}
