import type StaffUser from '#models/staff_user'
import type Role from '#models/role'
import { holdsAll } from '#policies/grants'
import { AreaPolicy } from '#policies/area_policy'

/** Who may invite staff, change their accounts and read the audit log. */
export default class StaffPolicy extends AreaPolicy {
  static rules = {
    manage: {
      anyOf: ['staff.manage'],
      refusal: 'Staff accounts and the audit log need the staff.manage permission. Ask a store owner.',
    },
  } as const

  manage(staff: StaffUser) {
    return this.require(staff, StaffPolicy.rules.manage)
  }

  /** Handing out a role needs every permission it grants. */
  async assign(staff: StaffUser, role: Role) {
    return (await staff.can('staff.manage')) && holdsAll(staff, role.permissions)
  }

  /**
   * Changing another account (role, deactivation) needs the permissions
   * that account has now: an admin cannot lock an owner out. Nobody changes
   * their own account here, so nobody removes their own access by mistake.
   */
  async change(staff: StaffUser, target: StaffUser) {
    if (target.id === staff.id || !(await staff.can('staff.manage'))) return false
    if (!target.roleId) return true
    if (!target.role || target.role.id !== target.roleId) await target.load('role')
    return holdsAll(staff, target.role.permissions)
  }
}
