import edge from 'edge.js'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { Notifier } from '#plugin_host/extension_points/notifications'
import { accountUrl } from '#accounts/account_emails'
import { INVITE_TTL_HOURS } from '#staff/invite_tokens'

export interface StaffInviteEmail {
  invitationId: number
  to: string
  token: string
  roleName: string
  inviter: string
}

/**
 * Emails an invitation link through the Notifier extension point (the
 * notifications plugin's outbox, or SendGrid). The key names the token's
 * hash prefix, so a resend (new token) is a new message and a retried
 * request is not. A provider failure is logged and answered with false:
 * the invitation exists and can be resent.
 */
export async function sendStaffInviteEmail(message: StaffInviteEmail, tokenHash: string): Promise<boolean> {
  const data = {
    title: 'You are invited to the back-office',
    email: message.to,
    roleName: message.roleName,
    inviter: message.inviter,
    href: accountUrl(`/admin/invitations/${message.token}`),
    label: 'Accept the invitation',
    expiresIn: `${INVITE_TTL_HOURS} hours`,
  }
  try {
    const [html, text] = await Promise.all([edge.render('emails/staff/invite', data), edge.render('emails/staff/invite_text', data)])
    const notifier = await app.container.make(Notifier)
    await notifier.send({
      to: message.to,
      subject: data.title,
      html,
      text: text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n',
      template: 'staff_invite',
      idempotencyKey: `staff_invite:${message.invitationId}:${tokenHash.slice(0, 16)}`,
    })
    return true
  } catch (error) {
    logger.error({ err: error, invitationId: message.invitationId }, 'staff invitation email could not be sent')
    return false
  }
}
