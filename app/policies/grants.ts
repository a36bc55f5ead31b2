import type StaffUser from '#models/staff_user'

/**
 * True when the staff member holds every permission in `permissions`.
 * Staff can only hand out what they have: without this, anyone allowed
 * to manage staff could promote a friend (or themselves) to owner.
 */
export async function holdsAll(staff: StaffUser, permissions: string[]) {
  // can('*') is true only for a role that lists "*" itself
  for (const key of permissions) {
    if (!(await staff.can(key))) return false
  }
  return true
}
