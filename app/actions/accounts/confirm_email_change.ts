import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'
import { consumeCustomerToken } from '#accounts/customer_tokens'
import { queueAccountEmail } from '#accounts/account_emails'

export type EmailChangeResult = { status: 'changed'; customerId: number; email: string } | { status: 'invalid' | 'taken' }

/**
 * Applies an email change from its confirmation link, once. Following the
 * link proves the new address, so it is verified at once. The old address
 * is told (someone who took over a session cannot move the account quietly).
 */
export default class ConfirmEmailChange {
  async handle(rawToken: string): Promise<EmailChangeResult> {
    let change: { customerId: number; tokenId: number; oldEmail: string; email: string } | null
    try {
      change = await db.transaction(async (trx) => {
        const token = await consumeCustomerToken(rawToken, 'change_email', trx)
        if (!token?.email) return null
        const current = await trx.from('customers').where('id', token.customerId).whereNull('anonymized_at').first()
        if (!current) return null
        const now = dbTimestamp(trx)
        // The unique index on email decides if another row took the address meanwhile.
        await trx.from('customers').where('id', token.customerId).update({ email: token.email, email_verified_at: now, updated_at: now })
        return { customerId: token.customerId, tokenId: token.id, oldEmail: current.email, email: token.email }
      })
    } catch (error) {
      if (isUniqueViolation(error)) return { status: 'taken' }
      throw error
    }
    if (!change) return { status: 'invalid' }
    await queueAccountEmail({ kind: 'email_changed', customerId: change.customerId, to: change.oldEmail, oldEmail: change.oldEmail, newEmail: change.email, tokenId: change.tokenId })
    return { status: 'changed', customerId: change.customerId, email: change.email }
  }
}

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string })?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT'
}
