import edge from 'edge.js'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { TOKEN_TTL } from '#actions/accounts/customer_tokens'

/**
 * Account emails. Core owns their content; delivery goes through the
 * Notifier extension point (the notifications plugin's outbox or SendGrid
 * driver). Each message has an idempotency key made of its kind and the
 * token (or change) it is about, so a retried request never sends twice.
 */
export type AccountEmail =
  | { kind: 'verify_email'; to: string; name: string | null; token: string; tokenId: number }
  | { kind: 'reset_password'; to: string; token: string; tokenId: number }
  | { kind: 'confirm_email_change'; to: string; token: string; tokenId: number }
  | { kind: 'email_changed'; to: string; oldEmail: string; newEmail: string; tokenId: number }

const SUBJECTS: Record<AccountEmail['kind'], string> = {
  verify_email: 'Confirm your email address',
  reset_password: 'Reset your password',
  confirm_email_change: 'Confirm your new email address',
  email_changed: 'Your email address was changed',
}

/**
 * Renders and sends one account email. A delivery failure (provider down)
 * is logged and answered with null instead of thrown: the change that
 * caused the email is already committed, and the shopper can ask again
 * (resend the link, request another reset). Tokens never reach the log.
 */
export async function sendAccountEmail(message: AccountEmail): Promise<{ id: string } | null> {
  try {
    return await deliver(message)
  } catch (error) {
    logger.error({ err: error, kind: message.kind, tokenId: message.tokenId }, 'account email could not be sent')
    return null
  }
}

async function deliver(message: AccountEmail) {
  const data = emailData(message)
  const [html, text] = await Promise.all([
    edge.render(`emails/accounts/${message.kind}`, data),
    edge.render(`emails/accounts/${message.kind}_text`, data),
  ])
  const notifier = (await import('#services/plugin_host')).default.notifier()
  return notifier.send({
    to: message.to,
    subject: SUBJECTS[message.kind],
    html,
    text: text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n',
    template: `account_${message.kind}`,
    idempotencyKey: `account:${message.kind}:${message.tokenId}`,
  })
}

function emailData(message: AccountEmail) {
  const title = SUBJECTS[message.kind]
  switch (message.kind) {
    case 'verify_email':
      return { title, email: message.to, name: message.name, href: accountUrl(`/account/verify/${message.token}`), expiresIn: hours(TOKEN_TTL.verify.hours) }
    case 'reset_password':
      return { title, email: message.to, href: accountUrl(`/account/reset-password/${message.token}`), expiresIn: hours(TOKEN_TTL.reset.hours) }
    case 'confirm_email_change':
      return { title, email: message.to, href: accountUrl(`/account/email/confirm/${message.token}`), expiresIn: hours(TOKEN_TTL.change_email.hours) }
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
  const configured = env.get('APP_URL')
  const host = env.get('HOST')
  const origin = configured
    ? new URL(configured).origin
    : `http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${env.get('PORT') ?? 3333}`
  return new URL(path, `${origin}/`).href
}
