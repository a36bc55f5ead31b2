import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'
import StaffUser from '#models/staff_user'
import StaffInvitation from '#models/staff_invitation'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { StaffRuleError } from '#staff/staff_rules'
import { plural } from '#services/plural'

/**
 * Deletes a custom role nobody holds. System roles stay; a role that staff
 * members or pending invitations use is refused with the count, so the
 * owner can move them to another role first.
 */
export default class DeleteRole {
  async handle(roleId: number, actor: Actor) {
    return db.transaction(async (trx) => {
      const role = await Role.findOrFail(roleId, { client: trx })
      if (role.isSystem) throw new StaffRuleError(`${role.name} is a system role and cannot be deleted.`)
      const holders = await StaffUser.query({ client: trx }).where('role_id', role.id).count('* as total').first()
      const invited = await StaffInvitation.query({ client: trx })
        .where('role_id', role.id)
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .count('* as total')
        .first()
      const [staffCount, inviteCount] = [Number(holders?.$extras.total ?? 0), Number(invited?.$extras.total ?? 0)]
      if (staffCount + inviteCount > 0) {
        const holdersInWords = [
          staffCount ? plural(staffCount, 'staff member') : '',
          inviteCount ? plural(inviteCount, 'pending invitation') : '',
        ].filter(Boolean)
        throw new StaffRuleError(`${role.name} is in use by ${holdersInWords.join(' and ')}. Give them another role first.`)
      }
      await role.useTransaction(trx).delete()
      await recordAudit(
        { actor, action: 'role.deleted', subjectType: 'role', subjectId: role.id, changes: diffChanges({ slug: role.slug, name: role.name, permissions: role.permissions }, {}) },
        trx
      )
      return role
    })
  }
}
