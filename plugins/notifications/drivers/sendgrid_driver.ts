import db from '@adonisjs/lucid/services/db'
import { MailService } from '@sendgrid/mail'
import { Client } from '@sendgrid/client'
import type { NotificationMessage as Message, Notifier } from '#plugin_host/extension_points/notifications'
import NotificationMessage from '../models/notification_message.js'
import { dbTimestamp } from '#services/db_time'
import { parseMailbox } from '../validators/settings.js'
import { claimMessage, type ClaimedMessage } from './message_claim.js'
import { isUndeliverable, UNDELIVERABLE } from './undeliverable.js'

export interface SendGridNotifierOptions {
  apiKey: string
  /** sender: "Shop <no-reply@shop.example>" or a bare address (a verified SendGrid sender) */
  from: string
  /** API origin; the SDK's default (https://api.sendgrid.com/) unless a proxy or test stand-in is used */
  baseUrl?: string
  /** per-request timeout in ms (default 10 s); also bounds how long a claim on a message lasts */
  timeoutMs?: number
}

export const DEFAULT_SENDGRID_TIMEOUT_MS = 10_000

/**
 * Sends email through SendGrid's v3 Mail Send API with the official
 * `@sendgrid/mail` SDK, and keeps a copy of every message in
 * `notification_messages` (readable in Admin › Emails, like the outbox).
 *
 * SendGrid has no idempotency keys of its own, so this driver keeps them:
 * the message row is claimed before the API call and marked `sent` after,
 * and a repeated send with the same key returns the sent row instead of
 * mailing again. An error (network, auth, 429, 5xx, …) marks the row
 * `failed` and is thrown, so the job that called us retries with backoff;
 * a 400 refusal of the message itself is marked `failed` and not retried.
 */
export class SendGridNotifier implements Notifier {
  readonly name = 'sendgrid'
  readonly #mail: MailService
  readonly #from: { email: string; name?: string }
  readonly #timeoutMs: number

  constructor(protected options: SendGridNotifierOptions) {
    const from = parseMailbox(options.from)
    if (!from) throw new Error(`The notifications sender "${options.from}" is not an email address`)
    this.#from = from.name ? { email: from.address, name: from.name } : { email: from.address }
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_SENDGRID_TIMEOUT_MS

    // Our own client, not the SDK's shared singleton: settings stay per notifier.
    const client = new Client()
    client.setApiKey(options.apiKey)
    // after setApiKey, which resets the base URL to SendGrid's region host
    if (options.baseUrl) client.setDefaultRequest('baseUrl', options.baseUrl)
    this.#mail = new MailService()
    this.#mail.setClient(client)
    this.#mail.setTimeout(this.#timeoutMs)
  }

  async send(message: Message): Promise<{ id: string }> {
    if (isUndeliverable(message.to)) return UNDELIVERABLE
    const claim = await claimMessage(message, {
      driver: this.name,
      from: this.options.from,
      // the request times out before the claim runs out, so two sends never overlap
      leaseMs: this.#timeoutMs + 2_000,
    })
    if (claim.alreadySent) return { id: String(claim.row.id) }
    return this.#deliver(message, claim)
  }

  async #deliver(message: Message, { row }: ClaimedMessage): Promise<{ id: string }> {
    try {
      const [response] = await this.#mail.send({
        to: message.to,
        from: this.#from,
        subject: message.subject,
        // SendGrid wants text/plain before text/html; the SDK orders them
        text: message.text ?? undefined,
        html: message.html,
        customArgs: { stockroom_message_id: String(row.id) },
      })
      const providerId = headerValue(response.headers, 'x-message-id')
      await NotificationMessage.query().where('id', row.id).update({
        status: 'sent',
        provider_message_id: providerId,
        error: null,
        locked_until_ms: null,
        sent_at: dbTimestamp(db.connection()),
        updated_at: dbTimestamp(db.connection()),
      })
      return { id: String(row.id) }
    } catch (error) {
      const described = describeSendGridError(error)
      await NotificationMessage.query().where('id', row.id).update({
        status: 'failed',
        error: described,
        locked_until_ms: null,
        updated_at: dbTimestamp(db.connection()),
      })
      // 400/413: SendGrid refused this message itself (a bad address, too big);
      // sending it again cannot help. Anything else (auth, 429, 5xx, network) can
      // be fixed or wait out, so the job retries.
      if (isPermanentRefusal(error)) return { id: String(row.id) }
      throw new SendGridSendError(described, { cause: error })
    }
  }
}

/** Thrown when SendGrid refused or could not be reached; the calling job retries. */
export class SendGridSendError extends Error {}

/** "SendGrid answered 503: Service Unavailable", with the API's own error messages when it sent some. */
export function describeSendGridError(error: unknown): string {
  const failure = error as {
    code?: number | string
    message?: string
    response?: { body?: { errors?: Array<{ message?: string }> } }
  }
  if (typeof failure?.code === 'number') {
    const details = (failure.response?.body?.errors ?? []).map((entry) => entry.message).filter(Boolean)
    return `SendGrid answered ${failure.code}: ${details.length ? details.join('; ') : failure.message}`
  }
  return `SendGrid could not be reached: ${failure?.message ?? String(error)}`
}

function isPermanentRefusal(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code
  return code === 400 || code === 413
}

function headerValue(headers: unknown, name: string): string | null {
  const value = (headers as Record<string, unknown> | undefined)?.[name]
  if (Array.isArray(value)) return value[0] ? String(value[0]) : null
  return value ? String(value) : null
}
