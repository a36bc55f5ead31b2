import db from '@adonisjs/lucid/services/db'
import { recordEvent } from '#plugin_host/outbox'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { mirrorOnCustomer } from '#actions/newsletter/subscribe_to_newsletter'

/** `unsubscribed`: taken off now; `unchanged`: already off the list; `unknown`: no such token or address. */
export type UnsubscribeOutcome = 'unsubscribed' | 'unchanged' | 'unknown'

/**
 * Takes an address off the newsletter list, found by the token of an
 * emailed unsubscribe link or by the signed-in customer's address. The row
 * stays with `unsubscribed_at` set. Records `NewsletterUnsubscribed` when
 * the list changed and clears a customer's `accepts_marketing`.
 */
export default class UnsubscribeFromNewsletter {
  async handle(by: { token: string } | { email: string }): Promise<UnsubscribeOutcome> {
    return db.transaction(async (trx) => {
      const find = () =>
        'token' in by
          ? trx.from('newsletter_subscribers').where('unsubscribe_token', by.token)
          : trx.from('newsletter_subscribers').where('email', by.email.trim().toLowerCase())
      const row = await find().select('id', 'email', 'unsubscribed_at').first()
      if (!row) return 'unknown'
      const now = dbTimestamp(trx)
      const changed = await find().whereNull('unsubscribed_at').update({ unsubscribed_at: now, updated_at: now })
      if (affectedRows(changed) !== 1) return 'unchanged'
      await recordEvent('NewsletterUnsubscribed', { subscriberId: Number(row.id), email: row.email }, trx)
      await mirrorOnCustomer(trx, row.email, false)
      return 'unsubscribed'
    })
  }
}
