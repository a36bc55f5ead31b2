import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { newInviteToken } from '#staff/invite_tokens'
import { sendStaffInviteEmail } from '#staff/invite_email'
import { pendingInvitationOrFail } from '#staff/staff_rules'

/**
 * Sends an invitation again with a fresh token and a fresh expiry: the
 * earlier link stops working. Works for expired invitations too.
 */
export default class ResendStaffInvite {
  async handle(id: number, actor: Actor & { name: string }) {
    const token = newInviteToken()
    const invitation = await db.transaction(async (trx) => {
      const found = await pendingInvitationOrFail(id, trx)
      const before = found.expiresAt.toISO()
      found.useTransaction(trx)
      found.merge({ tokenHash: token.hash, expiresAt: token.expiresAt })
      await found.save()
      await recordAudit(
        { actor, action: 'staff.invite_resent', subjectType: 'staff_invitation', subjectId: found.id, changes: { expiresAt: [before, found.expiresAt.toISO()] } },
        trx
      )
      return found
    })
    const sent = await sendStaffInviteEmail(
      { invitationId: invitation.id, to: invitation.email, token: token.raw, roleName: invitation.role.name, inviter: actor.name },
      token.hash
    )
    return { invitation, sent }
  }
}
