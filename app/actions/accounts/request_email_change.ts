import Customer from '#models/customer'
import { issueCustomerToken } from '#accounts/customer_tokens'
import { queueAccountEmail } from '#accounts/account_emails'
import { passwordMatches } from '#accounts/customer_passwords'

export type EmailChangeRequest = 'sent' | 'wrong_password' | 'same'

/**
 * Starts an email change: the account keeps its address until the new one
 * is confirmed by the emailed link. An address another customer row holds
 * gets no link, but the answer is the same, so the form cannot be used to
 * find out who shops here.
 */
export default class RequestEmailChange {
  async handle(customer: Customer, newEmail: string, currentPassword: string): Promise<EmailChangeRequest> {
    if (!(await passwordMatches(customer, currentPassword))) return 'wrong_password'
    if (newEmail === customer.email) return 'same'
    const taken = await Customer.query().where('email', newEmail).first()
    if (taken) return 'sent'
    const token = await issueCustomerToken(customer.id, 'change_email', { email: newEmail })
    await queueAccountEmail({ kind: 'confirm_email_change', customerId: customer.id, to: newEmail, token: token.raw, tokenId: token.id })
    return 'sent'
  }
}
