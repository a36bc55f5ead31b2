import { inject } from '@adonisjs/core'
import { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import { ACCOUNT_BACKOFF, LoginBackoff } from '#services/login_backoff'
import Customer from '#models/customer'
import MergeGuestCart from '#actions/cart/merge_guest_cart'

/** Failed attempts per customer email before that account is locked, longer at each further failure. */
export const CUSTOMER_LOGIN_FAILURES_PER_ACCOUNT = ACCOUNT_BACKOFF.freeFailures

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
  constructor(
    protected ctx: HttpContext,
    private mergeGuestCart: MergeGuestCart
  ) {}

  async handle({ email, password }: { email: string; password: string }): Promise<SignInCustomerResult> {
    const backoff = new LoginBackoff('customer', email, this.ctx.request.ip())
    let customer: Customer
    try {
      customer = await backoff.guard(() => verifyCustomer(email, password))
    } catch (error) {
      if (error instanceof authErrors.E_INVALID_CREDENTIALS) return { signedIn: false }
      throw error
    }

    await this.ctx.auth.use('customer').login(customer)
    await this.mergeGuestCart.handle(this.ctx, customer)
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
