/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Pre-registered so controllers can ask `ctx.bouncer.allows('permission',
| 'orders.refund')` and templates `@can('permission', 'orders.refund')`.
| Roles map to permissions in the database (roles.permissions); this is
| the one door every check goes through.
|
*/
import { Bouncer } from '@adonisjs/bouncer'
import type StaffUser from '#models/staff_user'

/** The staff member's role grants `permission` (and the account is active). */
export const permission = Bouncer.ability((staff: StaffUser, key: string) => staff.can(key))

/** The staff member's role grants any one of `keys`. */
export const anyPermission = Bouncer.ability(async (staff: StaffUser, keys: string[]) => {
  for (const key of keys) if (await staff.can(key)) return true
  return false
})
