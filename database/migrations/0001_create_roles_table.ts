import { BaseSchema } from '@adonisjs/lucid/schema'
import { dbTimestamp } from '#services/db_time'

/**
 * System roles ship with the schema so a fresh store can hand out access
 * before anyone opens the roles screen. `*` grants everything.
 */
export const SYSTEM_ROLES: Array<{ slug: string; name: string; permissions: string[] }> = [
  { slug: 'owner', name: 'Owner', permissions: ['*'] },
  {
    slug: 'admin',
    name: 'Administrator',
    permissions: [
      'catalog.read',
      'catalog.write',
      'orders.read',
      'orders.fulfill',
      'orders.refund',
      'inventory.read',
      'inventory.write',
      'customers.read',
      'customers.write',
      'analytics.read',
      'staff.manage',
      'settings.manage',
    ],
  },
  {
    slug: 'catalog_manager',
    name: 'Catalog manager',
    permissions: ['catalog.read', 'catalog.write', 'inventory.read', 'inventory.write', 'orders.read'],
  },
  {
    slug: 'fulfillment',
    name: 'Fulfillment',
    permissions: ['orders.read', 'orders.fulfill', 'inventory.read', 'inventory.write', 'catalog.read'],
  },
  {
    slug: 'support',
    name: 'Customer support',
    permissions: ['orders.read', 'orders.refund', 'customers.read', 'customers.write', 'catalog.read'],
  },
  { slug: 'analyst', name: 'Analyst', permissions: ['analytics.read', 'orders.read', 'catalog.read', 'customers.read'] },
]

export default class extends BaseSchema {
  protected tableName = 'roles'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('slug', 64).notNullable().unique()
      table.string('name', 120).notNullable()
      table.json('permissions').notNullable()
      table.boolean('is_system').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.defer(async (db) => {
      const now = dbTimestamp(db)
      await db.table(this.tableName).multiInsert(
        SYSTEM_ROLES.map((role) => ({
          slug: role.slug,
          name: role.name,
          permissions: JSON.stringify(role.permissions),
          is_system: true,
          created_at: now,
          updated_at: now,
        }))
      )
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
