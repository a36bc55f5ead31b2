import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { pendingInvitationOrFail } from '#staff/staff_rules'

/** Withdraws a pending invitation: its link stops working at once. */
export default class RevokeStaffInvite {
  async handle(id: number, actor: Actor) {
    return db.transaction(async (trx) => {
      const found = await pendingInvitationOrFail(id, trx)
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
}
