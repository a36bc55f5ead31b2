import db from '@adonisjs/lucid/services/db'
import StaffUser from '#models/staff_user'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { keepAnActiveOwner } from '#staff/staff_rules'

/**
 * Deactivates (or reactivates) a staff account. A deactivated member's
 * sessions end on their next request (staffAuth signs them out) and they
 * cannot sign in; the last active owner cannot be deactivated.
 */
export default class SetStaffActive {
  async handle(staffId: number, active: boolean, actor: Actor) {
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
}
