import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import { dbTimestamp } from '#services/db_time'
import { consumeCustomerToken, verifyTokenEmail } from '#accounts/customer_tokens'

/**
 * Sets a new password from an emailed reset link, once. The new password
 * changes the session stamp (see customer_session_provider), so every
 * session of the account, a thief's included, is signed out. Following
 * the link proves the address, so it also counts as verified. Answers the
 * customer, or null for an unknown, used or expired link.
 */
export default class ResetCustomerPassword {
  async handle(rawToken: string, newPassword: string): Promise<Customer | null> {
    const password = await hash.use('scrypt').make(newPassword)
    const customerId = await db.transaction(async (trx) => {
      const token = await consumeCustomerToken(rawToken, 'reset', trx)
      if (!token) return null
      const now = dbTimestamp(trx)
      await trx
        .from('customers')
        .where('id', token.customerId)
        .whereNull('anonymized_at')
        .update({ password, updated_at: now })
      await verifyTokenEmail(token, trx, now)
      // Other links of the account (an older reset, a pending email change) die with the old password.
      await trx.from('customer_tokens').where('customer_id', token.customerId).whereNull('used_at').update({ used_at: now, updated_at: now })
      return token.customerId
    })
    return customerId ? Customer.find(customerId) : null
  }
}
