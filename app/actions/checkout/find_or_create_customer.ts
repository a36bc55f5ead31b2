import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import { dbTimestamp } from '#services/db_time'

/**
 * The customer row an order belongs to, found by email or created without
 * a password (a guest). Runs outside the order transaction on purpose:
 * two checkouts with one email would otherwise wait on each other's
 * unique-email insert while holding stock locks. The insert ignores a
 * conflict, so concurrent first checkouts end with one row.
 */
export default class FindOrCreateCustomer {
  async handle(email: string, names: { firstName?: string | null; lastName?: string | null } = {}) {
    const normalized = email.trim().toLowerCase()
    const existing = await Customer.findBy('email', normalized)
    if (existing) return existing

    const client = db.connection()
    const now = dbTimestamp(client)
    await client
      .table('customers')
      .insert({
        email: normalized,
        first_name: names.firstName ?? null,
        last_name: names.lastName ?? null,
        password: null,
        accepts_marketing: false,
        created_at: now,
        updated_at: now,
      })
      .knexQuery.onConflict('email')
      .ignore()
    return Customer.findByOrFail('email', normalized)
  }
}
