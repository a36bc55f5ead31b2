import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What placing an order records beyond the base orders table: the discount
 * and shipping method it was priced with (as snapshots, since both can be
 * edited or deleted later), whether prices included tax, when an unpaid
 * order expires, and the checkout submission it came from.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('orders', (table) => {
      // No foreign keys: the code and name are the record; the ids only link
      // back while the discount or method still exists.
      table.integer('discount_id').unsigned().nullable()
      table.string('discount_code', 64).nullable()
      table.integer('shipping_method_id').unsigned().nullable()
      table.string('shipping_method_name', 160).nullable()
      table.boolean('taxes_included').notNullable().defaultTo(false)
      // Unpaid orders hold stock until then; the expiry job cancels them after.
      table.timestamp('expires_at', { useTz: true }).nullable()
      // One order per checkout submission: a double click or a replayed
      // POST carries the same token and finds the first order.
      table.string('checkout_token', 64).nullable().unique()

      table.index(['discount_id'])
      table.index(['shipping_method_id'])
      // The expiry job: pending orders past their time, oldest first.
      table.index(['status', 'expires_at'], 'orders_status_expires_at_index')
    })

    this.schema.alterTable('order_lines', (table) => {
      // The line's share of order-level discounts, so refunds can be split fairly.
      table.integer('discount_amount').notNullable().defaultTo(0)
      table.string('product_handle', 255).nullable()
    })
  }

  async down() {
    this.schema.alterTable('order_lines', (table) => {
      table.dropColumn('product_handle')
      table.dropColumn('discount_amount')
    })
    this.schema.alterTable('orders', (table) => {
      table.dropIndex(['status', 'expires_at'], 'orders_status_expires_at_index')
      table.dropIndex(['shipping_method_id'])
      table.dropIndex(['discount_id'])
      table.dropUnique(['checkout_token'])
      table.dropColumn('checkout_token')
      table.dropColumn('expires_at')
      table.dropColumn('taxes_included')
      table.dropColumn('shipping_method_name')
      table.dropColumn('shipping_method_id')
      table.dropColumn('discount_code')
      table.dropColumn('discount_id')
    })
  }
}
