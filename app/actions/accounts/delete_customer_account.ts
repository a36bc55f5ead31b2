import db from '@adonisjs/lucid/services/db'
import type Customer from '#models/customer'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { passwordMatches } from '#accounts/customer_passwords'
import { erasedEmail, eraseCustomerRecords } from '#accounts/customer_erasure'
import { recordEvent } from '#plugin_host/outbox'

/**
 * Erases an account on the customer's request, after checking their
 * password. The row stays, so orders keep their customer and the shop's
 * books stay whole, but everything personal on it goes: the email becomes
 * an unguessable `.invalid` placeholder, names, phone and password are
 * cleared, and eraseCustomerRecords() clears the rest core keeps (address
 * book, carts, links, notes, queued account emails, the orders' contact
 * email). Order snapshots (what was sold, to which address) are the shop's
 * legal records and are kept. CustomerErased tells plugins to erase theirs
 * (the notifications plugin: the emails in Admin › Emails). Without a
 * password the session stamp changes, so every session ends.
 */
export default class DeleteCustomerAccount {
  async handle(customer: Customer, password: string): Promise<boolean> {
    if (!(await passwordMatches(customer, password))) return false
    await db.transaction(async (trx) => {
      const now = dbTimestamp(trx)
      const placeholder = erasedEmail()
      // read before the row changes: the addresses to erase elsewhere are the current ones
      const current = await trx.from('customers').where('id', customer.id).whereNull('anonymized_at').select('id').first()
      if (!current) return
      await eraseCustomerRecords(trx, customer.id, placeholder)
      const erased = await trx
        .from('customers')
        .where('id', customer.id)
        .whereNull('anonymized_at')
        .update({
          email: placeholder,
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
      await recordEvent('CustomerErased', { customerId: customer.id }, trx)
    })
    return true
  }
}
