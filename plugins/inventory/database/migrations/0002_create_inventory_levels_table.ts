import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'inventory_levels'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('variant_id').unsigned().notNullable().references('id').inTable('variants').onDelete('CASCADE')
      table.integer('location_id').unsigned().notNullable().references('id').inTable('stock_locations').onDelete('CASCADE')
      table.integer('on_hand').notNullable().defaultTo(0)
      table.integer('reserved').notNullable().defaultTo(0)
      table.integer('low_stock_threshold').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.unique(['variant_id', 'location_id'])
      table.index(['location_id'])
      // The last line of defence against overselling: whatever the code does,
      // stock can never be promised twice nor go below zero.
      table.check('reserved >= 0 and reserved <= on_hand', {}, 'inventory_levels_reserved_check')
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
