import db from '@adonisjs/lucid/services/db'
import StaffUser from '#models/staff_user'
import Role from '#models/role'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { keepAnActiveOwner } from '#staff/staff_rules'

/**
 * Gives a staff member another role. The last active owner keeps theirs.
 * Audited as staff.role_changed with the role slugs before and after.
 */
export default class ChangeStaffRole {
  async handle(staffId: number, roleId: number, actor: Actor) {
    return db.transaction(async (trx) => {
      const staff = await StaffUser.query({ client: trx }).where('id', staffId).preload('role').firstOrFail()
      const role = await Role.findOrFail(roleId, { client: trx })
      if (staff.roleId === role.id) return staff
      await keepAnActiveOwner(staff, trx)
      const before = staff.role?.slug ?? null
      staff.useTransaction(trx)
      staff.roleId = role.id
      await staff.save()
      await recordAudit({ actor, action: 'staff.role_changed', subjectType: 'staff_user', subjectId: staff.id, changes: { role: [before, role.slug] } }, trx)
      return staff
    })
  }
}
