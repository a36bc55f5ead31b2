import type StaffUser from '#models/staff_user'
import type Role from '#models/role'
import { holdsAll } from '#policies/grants'
import { AreaPolicy } from '#policies/area_policy'

/** Roles are the keys to everything: only roles.manage (the owner) edits them. */
export default class RolePolicy extends AreaPolicy {
  static rules = {
    manage: { anyOf: ['roles.manage'], refusal: 'Roles need the roles.manage permission. Ask a store owner.' },
  } as const

  manage(staff: StaffUser) {
    return this.require(staff, RolePolicy.rules.manage)
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
