import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The list's newer filters read the newest matches of one index each:
 * a customer's orders and a discount code's orders, newest first.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('orders', (table) => {
      table.index(['customer_id', 'id'], 'orders_customer_id_id_index')
      table.index(['discount_code', 'id'], 'orders_discount_code_id_index')
    })
  }

  async down() {
    this.schema.alterTable('orders', (table) => {
      table.dropIndex(['customer_id', 'id'], 'orders_customer_id_id_index')
      table.dropIndex(['discount_code', 'id'], 'orders_discount_code_id_index')
    })
  }
}
