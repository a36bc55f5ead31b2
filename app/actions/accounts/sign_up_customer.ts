import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import { recordEvent } from '#plugin_host/outbox'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { issueCustomerToken } from '#accounts/customer_tokens'
import { queueAccountEmail } from '#accounts/account_emails'
import type { SignUpInput } from '#validators/account'

export type SignUpResult = { status: 'created' | 'claimed'; customer: Customer } | { status: 'exists' }

/**
 * Creates a customer account, or claims the guest row a past checkout left
 * with the same email (it gets the password, and so its orders). A row that
 * already has a password is an existing account: the caller says so and
 * offers sign-in or reset. The database decides between racing sign-ups:
 * the claim is a conditional UPDATE on `password IS NULL`, the insert
 * ignores a conflict on the unique email. Records `CustomerRegistered` and
 * queues the verification email in the same transaction.
 */
export default class SignUpCustomer {
  async handle(input: SignUpInput): Promise<SignUpResult> {
    const email = input.email
    const password = await hash.use('scrypt').make(input.password)
    const names = { first_name: input.first_name, last_name: input.last_name ?? null }

    const outcome = await db.transaction(async (trx) => {
      const now = dbTimestamp(trx)
      const claimed = await trx
        .from('customers')
        .where('email', email)
        .whereNull('password')
        .whereNull('anonymized_at')
        .update({ ...names, password, updated_at: now })
      let status: 'created' | 'claimed' = 'claimed'
      if (affectedRows(claimed) !== 1) {
        const inserted = await trx
          .table('customers')
          .insert({ email, ...names, password, accepts_marketing: false, created_at: now, updated_at: now })
          .knexQuery.onConflict('email')
          .ignore()
          .returning('id')
        if (!inserted.length) return null
        status = 'created'
      }
      const customer = await Customer.query({ client: trx }).where('email', email).firstOrFail()
      const token = await issueCustomerToken(customer.id, 'verify', { email, client: trx })
      await recordEvent('CustomerRegistered', { customerId: customer.id, email }, trx)
      await queueAccountEmail({ kind: 'verify_email', customerId: customer.id, to: email, name: customer.firstName, token: token.raw, tokenId: token.id }, trx)
      return { status, customer, token }
    })
    if (!outcome) return { status: 'exists' }

    return { status: outcome.status, customer: outcome.customer }
  }
}
