/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Templates may ask for a bare permission key, `@can('permission',
| 'catalog.write')`. Every other check goes through an area policy
| (#policies/main), which also words the refusal.
|
*/
import { Bouncer } from '@adonisjs/bouncer'
import type StaffUser from '#models/staff_user'

/** The staff member's role grants `permission` (and the account is active). */
export const permission = Bouncer.ability((staff: StaffUser, key: string) => staff.can(key))

