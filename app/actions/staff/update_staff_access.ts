import db from '@adonisjs/lucid/services/db'
import StaffUser from '#models/staff_user'
import Role from '#models/role'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { keepAnActiveOwner } from '#actions/staff/staff_rules'

/**
 * Gives a staff member another role. The last active owner keeps theirs.
 * Audited as staff.role_changed with the role slugs before and after.
 */
export async function changeStaffRole(staffId: number, roleId: number, actor: Actor) {
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

/**
 * Deactivates (or reactivates) a staff account. A deactivated member's
 * sessions end on their next request (staffAuth signs them out) and they
 * cannot sign in; the last active owner cannot be deactivated.
 */
export async function setStaffActive(staffId: number, active: boolean, actor: Actor) {
  return db.transaction(async (trx) => {
    const staff = await StaffUser.findOrFail(staffId, { client: trx })
    if (staff.isActive === active) return staff
    if (!active) await keepAnActiveOwner(staff, trx)
    staff.useTransaction(trx)
    staff.isActive = active
    await staff.save()
    await recordAudit(
      { actor, action: active ? 'staff.reactivated' : 'staff.deactivated', subjectType: 'staff_user', subjectId: staff.id, changes: { isActive: [!active, active] } },
      trx
    )
    return staff
  })
}
