import Customer from '#models/customer'
import { issueCustomerToken } from '#accounts/customer_tokens'
import { queueAccountEmail } from '#accounts/account_emails'

/**
 * Emails a reset link when the address belongs to an account (a row with
 * a password, not erased). The caller answers the same whatever happened,
 * so the form does not tell who has an account.
 */
export default class RequestPasswordReset {
  async handle(email: string): Promise<void> {
    const customer = await Customer.query().where('email', email).whereNotNull('password').whereNull('anonymized_at').first()
    if (!customer) return
    const token = await issueCustomerToken(customer.id, 'reset', { email: customer.email })
    await queueAccountEmail({ kind: 'reset_password', customerId: customer.id, to: customer.email, token: token.raw, tokenId: token.id })
  }
}
