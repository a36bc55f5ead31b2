import { BaseSchema } from '@adonisjs/lucid/schema'
import { dbTimestamp } from '#services/db_time'

export default class extends BaseSchema {
  protected tableName = 'stock_locations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('name', 120).notNullable()
      table.string('code', 32).notNullable().unique()
      table.boolean('is_default').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    // Every store has somewhere to keep stock from the first boot on.
    this.defer(async (db) => {
      const now = dbTimestamp(db)
      await db.table(this.tableName).insert({
        name: 'Main warehouse',
        code: 'main',
        is_default: true,
        created_at: now,
        updated_at: now,
      })
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
