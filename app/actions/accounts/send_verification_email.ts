import type Customer from '#models/customer'
import { issueCustomerToken } from '#accounts/customer_tokens'
import { queueAccountEmail } from '#accounts/account_emails'

/**
 * Sends a fresh verification link to the customer's current address (the
 * earlier links stop working), through the outbox. Does nothing for a
 * verified address.
 */
export default class SendVerificationEmail {
  async handle(customer: Customer): Promise<'sent' | 'verified'> {
    if (customer.emailVerifiedAt || customer.anonymizedAt) return 'verified'
    const token = await issueCustomerToken(customer.id, 'verify', { email: customer.email })
    await queueAccountEmail({ kind: 'verify_email', customerId: customer.id, to: customer.email, name: customer.firstName, token: token.raw, tokenId: token.id })
    return 'sent'
  }
}
