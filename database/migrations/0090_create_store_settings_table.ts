import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Store-wide settings edited in the back-office: one row per section
 * ("home", "policies", …), its value a JSON document read through
 * #settings/store_settings (typed, with defaults, cached). A key-value table
 * lets a section gain a field without a migration.
 */
export default class extends BaseSchema {
  protected tableName = 'store_settings'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('key', 64).primary()
      table.json('value').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
