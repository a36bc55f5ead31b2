import factory from '@adonisjs/lucid/factories'
import type { FactoryContextContract } from '@adonisjs/lucid/types/factory'
import StaffUser from '#models/staff_user'
import Role from '#models/role'
import { uniqueSuffix } from '#database/factories/unique'

/** Password of every factory-made staff user, for login tests. */
export const STAFF_PASSWORD = 'correct horse battery staple'

/**
 * Reads the role inside the factory's own transaction: SQLite has one
 * connection, so a read outside it would wait for the factory forever.
 */
async function withRole(user: StaffUser, slug: string, ctx: FactoryContextContract) {
  const role = await Role.findByOrFail('slug', slug, { client: ctx.$trx })
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
  .state('owner', (user, ctx) => withRole(user, 'owner', ctx))
  .state('admin', (user, ctx) => withRole(user, 'admin', ctx))
  .state('catalog_manager', (user, ctx) => withRole(user, 'catalog_manager', ctx))
  .state('fulfillment', (user, ctx) => withRole(user, 'fulfillment', ctx))
  .state('support', (user, ctx) => withRole(user, 'support', ctx))
  .state('analyst', (user, ctx) => withRole(user, 'analyst', ctx))
  .state('inactive', (user) => {
    user.isActive = false
  })
  .build()
