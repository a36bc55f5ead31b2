import db from '@adonisjs/lucid/services/db'
import StaffUser from '#models/staff_user'
import StaffInvitation from '#models/staff_invitation'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { hashInviteToken, looksLikeInviteToken } from '#staff/invite_tokens'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { StaffRuleError } from '#staff/staff_rules'

/**
 * Turns an invitation into a staff account with the invited role and the
 * name and password the invitee chose. The token is spent by a conditional
 * update, so two submissions of one link make one account. Null when the
 * link is unknown, used, revoked or expired. Audited as staff.invite_accepted.
 */
export default class AcceptStaffInvite {
  async handle(raw: string, input: { fullName: string; password: string }, from: Pick<Actor, 'ip' | 'userAgent'>) {
    if (!looksLikeInviteToken(raw)) return null
    return db.transaction(async (trx) => {
      const now = dbTimestamp(trx)
      const invitation = await StaffInvitation.query({ client: trx }).where('token_hash', hashInviteToken(raw)).first()
      if (!invitation) return null
      const spent = await trx
        .from('staff_invitations')
        .where('id', invitation.id)
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .where('expires_at', '>', now)
        .update({ accepted_at: now, updated_at: now })
      if (affectedRows(spent) !== 1) return null
      if (await StaffUser.query({ client: trx }).where('email', invitation.email).first()) {
        throw new StaffRuleError(`${invitation.email} already has a staff account; sign in instead.`)
      }
      const staff = await StaffUser.create(
        { email: invitation.email, fullName: input.fullName, password: input.password, roleId: invitation.roleId, isActive: true },
        { client: trx }
      )
      await trx.from('staff_invitations').where('id', invitation.id).update({ staff_user_id: staff.id })
      await recordAudit(
        {
          actor: { type: 'staff', id: staff.id, ...from },
          action: 'staff.invite_accepted',
          subjectType: 'staff_user',
          subjectId: staff.id,
          changes: { email: [null, staff.email], fullName: [null, staff.fullName], roleId: [null, staff.roleId] },
        },
        trx
      )
      return staff
    })
  }
}
