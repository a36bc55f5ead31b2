import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Quantity an order took beyond the stock there was, for variants whose
 * policy is `continue`. Kept apart from `reservations` because nothing is
 * held at a location: on-hand stock cannot go below zero (the CHECK on
 * levels), so a backorder is a promise to fulfil once stock arrives, not a
 * hold on stock.
 */
export default class extends BaseSchema {
  protected tableName = 'backorders'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('variant_id').unsigned().notNullable().references('id').inTable('variants').onDelete('CASCADE')
      table.integer('order_id').unsigned().nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.integer('quantity').notNullable()
      // open (order unpaid) -> committed (paid, owed to the customer) | released
      table.string('status', 16).notNullable().defaultTo('open')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['order_id'])
      table.index(['variant_id', 'status'])
      table.check('quantity > 0', {}, 'backorders_quantity_check')
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
