import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#plugin_host/outbox'
import { affectedRows, dbTimestamp } from '#services/db_time'
import type { NewsletterSource } from '#models/newsletter_subscriber'

/** `subscribed`: the list changed (new, or back after unsubscribing); `unchanged`: already on it. */
export type SubscribeOutcome = 'subscribed' | 'unchanged'

/**
 * Puts an address on the newsletter list, or back on it after an
 * unsubscribe (with a fresh consent time and source). An address already
 * subscribed is left as it was: callers answer the same either way, so the
 * form never tells a visitor whether an address was known. The database
 * decides between racing sign-ups (unique email, insert ignores the
 * conflict). Records `NewsletterSubscribed` when the list changed, so a
 * marketing plugin can sync, and keeps a customer's `accepts_marketing`
 * (shown to staff, exported) in step.
 */
export default class SubscribeToNewsletter {
  async handle(input: { email: string; source: NewsletterSource }): Promise<SubscribeOutcome> {
    const email = input.email.trim().toLowerCase()
    return db.transaction(async (trx) => {
      const now = dbTimestamp(trx)
      const inserted = await trx
        .table('newsletter_subscribers')
        .insert({
          email,
          source: input.source,
          consented_at: now,
          unsubscribed_at: null,
          unsubscribe_token: randomBytes(32).toString('base64url'),
          created_at: now,
          updated_at: now,
        })
        .knexQuery.onConflict('email')
        .ignore()
        .returning('id')
      if (!inserted.length) {
        const returned = await trx
          .from('newsletter_subscribers')
          .where('email', email)
          .whereNotNull('unsubscribed_at')
          .update({ unsubscribed_at: null, consented_at: now, source: input.source, updated_at: now })
        if (affectedRows(returned) !== 1) return 'unchanged'
      }
      const row = await trx.from('newsletter_subscribers').where('email', email).select('id').firstOrFail()
      await recordEvent('NewsletterSubscribed', { subscriberId: Number(row.id), email, source: input.source }, trx)
      await mirrorOnCustomer(trx, email, true)
      return 'subscribed'
    })
  }
}

/** A customer with this address shows the same consent on their admin page and in exports. */
export async function mirrorOnCustomer(trx: TransactionClientContract, email: string, accepts: boolean) {
  await trx
    .from('customers')
    .where('email', email)
    .whereNull('anonymized_at')
    .update({ accepts_marketing: accepts, updated_at: dbTimestamp(trx) })
}
