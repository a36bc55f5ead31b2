import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('fulfillments', (table) => {
      table.increments('id')
      table.integer('order_id').unsigned().notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.string('status', 32).notNullable().defaultTo('pending')
      table.string('carrier', 64).nullable()
      table.string('tracking_number', 128).nullable()
      table.text('tracking_url').nullable()
      table.timestamp('shipped_at', { useTz: true }).nullable()
      table.timestamp('delivered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['order_id'])
      table.index(['status'])
    })

    this.schema.createTable('fulfillment_lines', (table) => {
      table.increments('id')
      table.integer('fulfillment_id').unsigned().notNullable().references('id').inTable('fulfillments').onDelete('CASCADE')
      table.integer('order_line_id').unsigned().notNullable().references('id').inTable('order_lines').onDelete('CASCADE')
      table.integer('quantity').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.unique(['fulfillment_id', 'order_line_id'])
      table.index(['order_line_id'])
      table.check('quantity > 0', {}, 'fulfillment_lines_quantity_check')
    })
  }

  async down() {
    this.schema.dropTable('fulfillment_lines')
    this.schema.dropTable('fulfillments')
  }
}
