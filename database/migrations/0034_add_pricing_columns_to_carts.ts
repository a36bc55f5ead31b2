import { BaseSchema } from '@adonisjs/lucid/schema'

/** What the cart page collects for the pricing pipeline: code, email and shipping destination. */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('carts', (table) => {
      table.string('discount_code', 64).nullable()
      table.string('email', 254).nullable()
      table.specificType('shipping_country', 'char(2)').nullable()
      table.string('shipping_region', 120).nullable()
      table.string('shipping_postal_code', 32).nullable()
      table.integer('shipping_method_id').unsigned().nullable().references('id').inTable('shipping_methods').onDelete('SET NULL')
      table.index(['shipping_method_id'])
    })
  }

  async down() {
    this.schema.alterTable('carts', (table) => {
      table.dropForeign(['shipping_method_id'])
      table.dropIndex(['shipping_method_id'])
      table.dropColumns('discount_code', 'email', 'shipping_country', 'shipping_region', 'shipping_postal_code', 'shipping_method_id')
    })
  }
}
