import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type Customer from '#models/customer'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { passwordMatches } from '#accounts/customer_passwords'

/**
 * Erases an account on the customer's request, after checking their
 * password. The row stays, so orders keep their customer and the shop's
 * books stay whole, but everything personal on it goes: the email becomes
 * an unguessable placeholder, names, phone and password are cleared, the
 * address book, carts and emailed links are deleted. Order snapshots
 * (what was sold, to which address) are business records and are kept.
 * Without a password the session stamp changes, so every session ends.
 */
export default class DeleteCustomerAccount {
  async handle(customer: Customer, password: string): Promise<boolean> {
    if (!(await passwordMatches(customer, password))) return false
    await db.transaction(async (trx) => {
      const now = dbTimestamp(trx)
      const erased = await trx
        .from('customers')
        .where('id', customer.id)
        .whereNull('anonymized_at')
        .update({
          email: `erased-${randomBytes(16).toString('hex')}@anonymized.invalid`,
          first_name: null,
          last_name: null,
          phone: null,
          password: null,
          accepts_marketing: false,
          email_verified_at: null,
          anonymized_at: now,
          updated_at: now,
        })
      if (affectedRows(erased) !== 1) return
      await trx.from('addresses').where('customer_id', customer.id).delete()
      await trx.from('customer_tokens').where('customer_id', customer.id).delete()
      const carts = trx.from('carts').where('customer_id', customer.id).select('id')
      await trx.from('cart_lines').whereIn('cart_id', carts).delete()
      await trx.from('carts').where('customer_id', customer.id).delete()
    })
    return true
  }
}
