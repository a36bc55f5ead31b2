import { BasePolicy } from '@adonisjs/bouncer'
import type StaffUser from '#models/staff_user'
import type Role from '#models/role'
import { holdsAll } from '#policies/grants'

/** Who may invite staff and change their accounts. */
export default class StaffPolicy extends BasePolicy {
  async manage(staff: StaffUser) {
    return staff.can('staff.manage')
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
