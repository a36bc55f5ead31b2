import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'
import StaffUser from '#models/staff_user'
import StaffInvitation from '#models/staff_invitation'
import Role from '#models/role'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { newInviteToken } from '#staff/invite_tokens'
import { sendStaffInviteEmail } from '#staff/invite_email'
import { StaffRuleError } from '#staff/staff_rules'

/**
 * Invites someone to the back-office with a role: stores a hashed,
 * expiring, single-use token, revokes older pending invitations to the
 * same address (only the newest link works) and emails the link after
 * the rows are committed. Audited as staff.invited.
 */
export default class InviteStaff {
  async handle(input: { email: string; roleId: number }, actor: Actor & { name: string }) {
    const token = newInviteToken()
    const { invitation, role } = await db.transaction(async (trx) => {
      if (await StaffUser.query({ client: trx }).where('email', input.email).first()) {
        throw new StaffRuleError(`${input.email} already has a staff account.`)
      }
      const role = await Role.findOrFail(input.roleId, { client: trx })
      await StaffInvitation.query({ client: trx })
        .where('email', input.email)
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .update({ revoked_at: dbTimestamp(trx), updated_at: dbTimestamp(trx) })
      const invitation = await StaffInvitation.create(
        { email: input.email, roleId: role.id, tokenHash: token.hash, expiresAt: token.expiresAt, invitedById: actor.id ?? null },
        { client: trx }
      )
      await recordAudit(
        { actor, action: 'staff.invited', subjectType: 'staff_invitation', subjectId: invitation.id, changes: { email: [null, input.email], role: [null, role.slug] } },
        trx
      )
      return { invitation, role }
    })
    const sent = await sendStaffInviteEmail(
      { invitationId: invitation.id, to: invitation.email, token: token.raw, roleName: role.name, inviter: actor.name },
      token.hash
    )
    return { invitation, token: token.raw, sent }
  }
}
