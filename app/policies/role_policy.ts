import { BasePolicy } from '@adonisjs/bouncer'
import type StaffUser from '#models/staff_user'
import type Role from '#models/role'
import { holdsAll } from '#policies/grants'

/** Roles are the keys to everything: only roles.manage (the owner) edits them. */
export default class RolePolicy extends BasePolicy {
  async manage(staff: StaffUser) {
    return staff.can('roles.manage')
  }

  /** A role granting more than the editor holds is out of their reach. */
  async edit(staff: StaffUser, role: Role) {
    return (await staff.can('roles.manage')) && holdsAll(staff, role.permissions)
  }

  /** System roles stay; a role in use is refused by the action, with the count. */
  async delete(staff: StaffUser, role: Role) {
    return !role.isSystem && (await this.edit(staff, role))
  }
}
