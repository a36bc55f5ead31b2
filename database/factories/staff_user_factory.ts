import factory from '@adonisjs/lucid/factories'
import StaffUser from '#models/staff_user'
import Role from '#models/role'
import { uniqueSuffix } from '#database/factories/unique'

/** Password of every factory-made staff user, for login tests. */
export const STAFF_PASSWORD = 'correct horse battery staple'

async function withRole(user: StaffUser, slug: string) {
  const role = await Role.findByOrFail('slug', slug)
  user.roleId = role.id
}

/**
 * Staff members, with no role by default; pick one with a state named after
 * the system role: `.apply('owner')`, `.apply('support')` …
 */
export const StaffUserFactory = factory
  .define(StaffUser, () => {
    const suffix = uniqueSuffix()
    return {
      email: `staff-${suffix}@stockroom.test`,
      fullName: `Staff ${suffix}`,
      password: STAFF_PASSWORD,
      isActive: true,
    }
  })
  .state('owner', (user) => withRole(user, 'owner'))
  .state('admin', (user) => withRole(user, 'admin'))
  .state('catalog_manager', (user) => withRole(user, 'catalog_manager'))
  .state('fulfillment', (user) => withRole(user, 'fulfillment'))
  .state('support', (user) => withRole(user, 'support'))
  .state('analyst', (user) => withRole(user, 'analyst'))
  .state('inactive', (user) => {
    user.isActive = false
  })
  .build()
