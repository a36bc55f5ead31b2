import db from '@adonisjs/lucid/services/db'
import type { DomainEvents } from '#events/domain_events'
import { dbTimestamp } from '#services/db_time'

/** What an erased message shows in Admin › Emails instead of its recipient and subject. */
export const ERASED_RECIPIENT = 'erased@anonymized.invalid'
export const ERASED_SUBJECT = '(erased at the customer’s request)'

/**
 * CustomerErased → every message kept about that customer loses its
 * recipient, subject and contents; the row stays (date, template, status),
 * so Admin › Emails still counts what was sent. A message not yet sent
 * (claimed, or failed and waiting for a retry) is marked failed and is
 * never sent: the claim treats an erased row as done. Running it again
 * changes nothing more.
 */
export async function eraseCustomerMessages(payload: DomainEvents['CustomerErased']) {
  const client = db.connection()
  const now = dbTimestamp(client)
  const messages = () => client.from('notification_messages').where('customer_id', payload.customerId).whereNull('erased_at')
  await messages()
    .whereIn('status', ['sending', 'failed'])
    .update({ status: 'failed', error: 'Not sent: the customer erased their account.', locked_until_ms: null, updated_at: now })
  await messages().update({
      to_address: ERASED_RECIPIENT,
      subject: ERASED_SUBJECT,
      html: '',
      text: null,
      provider_message_id: null,
      erased_at: now,
      updated_at: now,
    })
}
