import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'reservations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('variant_id').unsigned().notNullable().references('id').inTable('variants').onDelete('CASCADE')
      table.integer('location_id').unsigned().notNullable().references('id').inTable('stock_locations').onDelete('CASCADE')
      table.integer('order_id').unsigned().nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.integer('quantity').notNullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      // active -> committed | released | expired
      table.string('status', 16).notNullable().defaultTo('active')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['variant_id'])
      table.index(['location_id'])
      table.index(['order_id'])
      // The expiry job looks for active reservations past their time.
      table.index(['status', 'expires_at'])
      table.check('quantity > 0', {}, 'reservations_quantity_check')
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
