import type { NotificationMessage as Message, Notifier } from '#plugin_host/extension_points/notifications'
import NotificationMessage from '../models/notification_message.js'
import { isUndeliverable, UNDELIVERABLE } from './undeliverable.js'

export interface OutboxNotifierOptions {
  /** sender shown on stored messages, e.g. "Stockroom <no-reply@shop.example>" */
  from?: string
}

/**
 * The embedded default Notifier: nothing leaves the machine. Each message
 * is stored in `notification_messages` and can be read in admin under
 * Emails, which makes it the driver for development, tests and shops that
 * have not set up a mail provider yet.
 */
export class OutboxNotifier implements Notifier {
  readonly name = 'outbox'

  constructor(protected options: OutboxNotifierOptions = {}) {}

  /**
   * Stores the message and returns its id. A message whose idempotencyKey
   * was already used returns the first message instead of a second one;
   * the unique index decides when two senders race.
   */
  async send(message: Message): Promise<{ id: string }> {
    if (isUndeliverable(message.to)) return UNDELIVERABLE
    const key = message.idempotencyKey ?? null
    if (key) {
      const existing = await NotificationMessage.findBy('idempotencyKey', key)
      if (existing) return { id: String(existing.id) }
    }

    try {
      const stored = await NotificationMessage.create({
        channel: 'email',
        driver: this.name,
        fromAddress: this.options.from ?? null,
        toAddress: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text ?? null,
        template: message.template ?? null,
        idempotencyKey: key,
        customerId: message.customerId ?? null,
        status: 'stored',
      })
      return { id: String(stored.id) }
    } catch (error) {
      if (!key || !isUniqueViolation(error)) throw error
      // Another sender stored the same key between our read and our insert.
      const winner = await NotificationMessage.findByOrFail('idempotencyKey', key)
      return { id: String(winner.id) }
    }
  }
}

/** PostgreSQL reports 23505; better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}
