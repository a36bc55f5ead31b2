import db from '@adonisjs/lucid/services/db'
import type { NotificationMessage as Message } from '#plugin_host/extension_points/notifications'
import { affectedRows, dbTimestamp } from '#services/db_time'
import NotificationMessage from '../models/notification_message.js'
import { isUniqueViolation } from './outbox_driver.js'

export interface ClaimedMessage {
  row: NotificationMessage
  /** the key was sent before: do not call the provider again */
  alreadySent: boolean
}

/** Another worker holds the message right now; the calling job retries later. */
export class MessageBusyError extends Error {}

/**
 * Makes this worker the one that sends `message`, for a sending driver.
 * Returns the stored row, `alreadySent` when its idempotency key was sent
 * before. A message that failed, or whose sender died (its lease ran out),
 * is taken over; one another worker is sending right now throws
 * MessageBusyError. Every decision is a conditional write, so two workers
 * racing on one key never both send.
 */
export async function claimMessage(
  message: Message,
  options: { driver: string; from: string; leaseMs: number }
): Promise<ClaimedMessage> {
  const key = message.idempotencyKey ?? null
  const client = db.connection()
  const lease = () => Date.now() + options.leaseMs

  if (!key) {
    const row = await NotificationMessage.create({ ...fields(message, options), status: 'sending', lockedUntilMs: lease(), attempts: 1 })
    return { row, alreadySent: false }
  }

  for (let round = 0; round < 3; round++) {
    const existing = await NotificationMessage.findBy('idempotencyKey', key)
    if (!existing) {
      try {
        const row = await NotificationMessage.create({
          ...fields(message, options),
          idempotencyKey: key,
          status: 'sending',
          lockedUntilMs: lease(),
          attempts: 1,
        })
        return { row, alreadySent: false }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        continue // another worker inserted it first: look again
      }
    }
    // stored by the outbox driver (before a switch to this one) counts as handled too;
    // an erased message is never sent again, whatever its status was
    if (existing.status === 'sent' || existing.status === 'stored' || existing.erasedAt) return { row: existing, alreadySent: true }

    const now = Date.now()
    const takenOver = affectedRows(
      await client
        .from('notification_messages')
        .where('id', existing.id)
        .whereNull('erased_at')
        .where((query) =>
          query
            .where('status', 'failed')
            .orWhere((stale) => stale.where('status', 'sending').where('locked_until_ms', '<', now))
        )
        .update({
          status: 'sending',
          locked_until_ms: lease(),
          attempts: client.knexRawQuery('attempts + 1'),
          // the newest rendering wins: a retry after a template fix sends the fixed email
          subject: message.subject,
          html: message.html,
          text: message.text ?? null,
          updated_at: dbTimestamp(client),
        })
    )
    if (takenOver === 1) {
      await existing.refresh()
      return { row: existing, alreadySent: false }
    }
    if (existing.status === 'sending' && (existing.lockedUntilMs ?? 0) >= now) {
      throw new MessageBusyError(
        `Email "${key}" is being sent by another worker until ${new Date(existing.lockedUntilMs ?? now).toISOString()}`
      )
    }
    // the row changed between our read and our update: read it again
  }
  throw new MessageBusyError(`Email "${key}" kept changing while we tried to claim it`)
}

function fields(message: Message, options: { driver: string; from: string }) {
  return {
    channel: 'email' as const,
    driver: options.driver,
    fromAddress: options.from,
    toAddress: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text ?? null,
    template: message.template ?? null,
    customerId: message.customerId ?? null,
  }
}
