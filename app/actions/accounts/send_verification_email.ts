import type Customer from '#models/customer'
import { issueCustomerToken } from '#actions/accounts/customer_tokens'
import { sendAccountEmail } from '#actions/accounts/account_emails'

/**
 * Sends a fresh verification link to the customer's current address (the
 * earlier links stop working). Does nothing for a verified address.
 * 'failed' when the mail provider refused it (logged; try again later).
 */
export async function sendVerificationEmail(customer: Customer): Promise<'sent' | 'failed' | 'verified'> {
  if (customer.emailVerifiedAt || customer.anonymizedAt) return 'verified'
  const token = await issueCustomerToken(customer.id, 'verify', { email: customer.email })
  const sent = await sendAccountEmail({ kind: 'verify_email', to: customer.email, name: customer.firstName, token: token.raw, tokenId: token.id })
  return sent ? 'sent' : 'failed'
}
