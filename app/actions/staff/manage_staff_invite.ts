import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import StaffInvitation from '#models/staff_invitation'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { newInviteToken } from '#actions/staff/staff_invite_tokens'
import { sendStaffInviteEmail } from '#actions/staff/send_staff_invite_email'
import { StaffRuleError } from '#actions/staff/staff_rules'

async function pendingOrFail(id: number, trx: Parameters<typeof recordAudit>[1]) {
  const invitation = await StaffInvitation.query({ client: trx }).where('id', id).preload('role').firstOrFail()
  if (invitation.acceptedAt) throw new StaffRuleError(`${invitation.email} has already accepted the invitation.`)
  if (invitation.revokedAt) throw new StaffRuleError(`The invitation to ${invitation.email} was revoked; invite them again.`)
  return invitation
}

/**
 * Sends an invitation again with a fresh token and a fresh expiry: the
 * earlier link stops working. Works for expired invitations too.
 */
export async function resendStaffInvite(id: number, actor: Actor & { name: string }) {
  const token = newInviteToken()
  const invitation = await db.transaction(async (trx) => {
    const found = await pendingOrFail(id, trx)
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

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeStaffInvite(id: number, actor: Actor) {
  return db.transaction(async (trx) => {
    const found = await pendingOrFail(id, trx)
    found.useTransaction(trx)
    found.revokedAt = DateTime.now()
    await found.save()
    await recordAudit(
      { actor, action: 'staff.invite_revoked', subjectType: 'staff_invitation', subjectId: found.id, changes: { email: [found.email, found.email], state: ['pending', 'revoked'] } },
      trx
    )
    return found
  })
}
