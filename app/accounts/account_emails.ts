import edge from 'edge.js'
import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { storeUrl } from '#services/store_url'
import { TOKEN_TTL } from '#accounts/customer_tokens'
import { recordEvent } from '#plugin_host/outbox'
import { Notifier } from '#plugin_host/extension_points/notifications'
import type { PluginHost } from '#plugin_host/host'
import type { DomainEvents } from '#events/domain_events'

/**
 * Account emails. Core owns their content; delivery goes through the
 * Notifier extension point (the notifications plugin's outbox or SendGrid
 * driver). Each message has an idempotency key made of its kind and the
 * token (or change) it is about, so a retried delivery never sends twice.
 */
export type AccountEmail = { customerId: number } & (
  | { kind: 'verify_email'; to: string; name: string | null; token: string; tokenId: number }
  | { kind: 'reset_password'; to: string; token: string; tokenId: number }
  | { kind: 'confirm_email_change'; to: string; token: string; tokenId: number }
  | { kind: 'email_changed'; to: string; oldEmail: string; newEmail: string; tokenId: number }
)

const SUBJECTS: Record<AccountEmail['kind'], string> = {
  verify_email: 'Confirm your email address',
  reset_password: 'Reset your password',
  confirm_email_change: 'Confirm your new email address',
  email_changed: 'Your email address was changed',
}

const TOKEN_PURPOSE = 'account-email-token'
const LINK_HOURS = { verify_email: TOKEN_TTL.verify.hours, reset_password: TOKEN_TTL.reset.hours, confirm_email_change: TOKEN_TTL.change_email.hours }

/**
 * Queues one account email through the outbox, like order emails: the
 * request only records an `AccountEmailRequested` event (in `trx` when
 * given, so the email exists exactly when the change does); a job renders
 * and sends it, retried with backoff while the mail provider is down.
 *
 * The link's token travels encrypted with the app key and expiring with
 * the link, so the outbox table (like customer_tokens, which keeps only a
 * hash) gives nobody a usable link.
 */
export async function queueAccountEmail(message: AccountEmail, trx?: TransactionClientContract) {
  const { token, ...rest } = message as AccountEmail & { token?: string }
  const sealedToken = token
    ? encryption.encrypt(token, `${LINK_HOURS[message.kind as keyof typeof LINK_HOURS]}h`, TOKEN_PURPOSE)
    : null
  await recordEvent('AccountEmailRequested', { ...rest, sealedToken } as DomainEvents['AccountEmailRequested'], trx)
}

/** The outbox listener that sends queued account emails (registered by start/core_extensions.ts). */
export function registerAccountEmailListener(host: PluginHost) {
  host.listen({
    id: 'core.account_emails',
    event: 'AccountEmailRequested',
    // as order emails: about 2.4 hours of retries from 5 s, each wait capped at an hour
    attempts: 12,
    backoffMs: 5_000,
    async handle(payload) {
      const message = unseal(payload)
      // An expired link is not worth sending: the shopper asks for a new one.
      if (message) await deliver(message)
    },
  })
}

function unseal(payload: DomainEvents['AccountEmailRequested']): AccountEmail | null {
  const { sealedToken, ...rest } = payload
  if (rest.kind === 'email_changed') return rest as AccountEmail
  const token = sealedToken ? encryption.decrypt<string>(sealedToken, TOKEN_PURPOSE) : null
  return token ? ({ ...rest, token } as AccountEmail) : null
}

async function deliver(message: AccountEmail) {
  const data = emailData(message)
  const [html, text] = await Promise.all([
    edge.render(`emails/accounts/${message.kind}`, data),
    edge.render(`emails/accounts/${message.kind}_text`, data),
  ])
  const notifier = await app.container.make(Notifier)
  return notifier.send({
    to: message.to,
    subject: SUBJECTS[message.kind],
    html,
    text: text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n',
    template: `account_${message.kind}`,
    idempotencyKey: `account:${message.kind}:${message.tokenId}`,
    customerId: message.customerId ?? null,
  })
}

function emailData(message: AccountEmail) {
  const title = SUBJECTS[message.kind]
  switch (message.kind) {
    case 'verify_email':
      return { title, email: message.to, name: message.name, href: accountUrl(`/account/verify/${message.token}`), label: 'Confirm your email', expiresIn: hours(TOKEN_TTL.verify.hours) }
    case 'reset_password':
      return { title, email: message.to, href: accountUrl(`/account/reset-password/${message.token}`), label: 'Choose a new password', expiresIn: hours(TOKEN_TTL.reset.hours) }
    case 'confirm_email_change':
      return { title, email: message.to, href: accountUrl(`/account/email/confirm/${message.token}`), label: 'Use this address', expiresIn: hours(TOKEN_TTL.change_email.hours) }
    case 'email_changed':
      return { title, email: message.newEmail, oldEmail: message.oldEmail }
  }
}

function hours(count: number) {
  return count === 1 ? '1 hour' : `${count} hours`
}

/**
 * An absolute link for an email: the shop's address comes from APP_URL
 * (never from a request's Host header, which a client chooses); without
 * it (development) the local server's address is used.
 */
export function accountUrl(path: string): string {
  return storeUrl(path)
}
