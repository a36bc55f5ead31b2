import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('carts', (table) => {
      table.increments('id')
      table.string('token', 64).notNullable().unique()
      table.integer('customer_id').unsigned().nullable().references('id').inTable('customers').onDelete('SET NULL')
      table.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['customer_id'])
      // Abandoned-cart cleanup scans by age.
      table.index(['updated_at'])
    })

    this.schema.createTable('cart_lines', (table) => {
      table.increments('id')
      table.integer('cart_id').unsigned().notNullable().references('id').inTable('carts').onDelete('CASCADE')
      table.integer('variant_id').unsigned().notNullable().references('id').inTable('variants').onDelete('CASCADE')
      table.integer('quantity').notNullable()
      table.integer('unit_price_at_add').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.unique(['cart_id', 'variant_id'])
      table.index(['variant_id'])
      table.check('quantity > 0', {}, 'cart_lines_quantity_check')
      table.check('unit_price_at_add >= 0', {}, 'cart_lines_unit_price_check')
    })
  }

  async down() {
    this.schema.dropTable('cart_lines')
    this.schema.dropTable('carts')
  }
}
