import db from '@adonisjs/lucid/services/db'
import { consumeCustomerToken, verifyTokenEmail } from '#accounts/customer_tokens'

/**
 * Uses up a verification link. The address counts as verified only if it
 * is still the account's address (the link names the address it was sent
 * to). Answers the customer id, or null for an unknown, used or expired link.
 */
export default class VerifyCustomerEmail {
  async handle(rawToken: string): Promise<number | null> {
    return db.transaction(async (trx) => {
      const token = await consumeCustomerToken(rawToken, 'verify', trx)
      if (!token) return null
      await verifyTokenEmail(token, trx)
      return token.customerId
    })
  }
}
