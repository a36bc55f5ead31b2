import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Back-office orders.
 *
 * `order_lines.fulfilled_quantity` and `restocked_quantity` are running
 * counters that the fulfil and refund actions move with conditional
 * updates (`fulfilled_quantity + n <= quantity`), so two staff members
 * shipping or restocking the same line at once can never exceed what was
 * ordered: the database decides, not a read-then-write in the app.
 *
 * The list indexes let Admin › Orders at 200k orders read the first 50 rows
 * of an index for its default sort (newest first = highest id) under each
 * status filter, and sort by total without sorting the table. On
 * PostgreSQL, email prefix search and name search (inside the shipping
 * address snapshot, by trigram) are indexed too.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('order_lines', (table) => {
      table.integer('fulfilled_quantity').notNullable().defaultTo(0)
      table.integer('restocked_quantity').notNullable().defaultTo(0)
    })
    this.schema.alterTable('orders', (table) => {
      table.index(['status', 'id'], 'orders_status_id_index')
      table.index(['payment_status', 'id'], 'orders_payment_status_id_index')
      table.index(['fulfillment_status', 'id'], 'orders_fulfillment_status_id_index')
      table.index(['total', 'id'], 'orders_total_id_index')
      // "paid, waiting for fulfilment" is the view fulfilment staff live in
      table.index(['fulfillment_status', 'payment_status', 'id'], 'orders_fulfillment_payment_id_index')
    })
    if (this.db.dialect.name === 'postgres') {
      // email search is by prefix ("ada@", "ada.lovelace"); this index serves lower(email) LIKE 'x%'
      this.schema.raw('CREATE INDEX orders_lower_email_prefix_index ON orders (lower(email) text_pattern_ops)')
      // name search looks inside the shipping-address snapshot (pg_trgm comes with migration 0016)
      this.schema.raw(
        'CREATE INDEX orders_shipping_address_trgm_index ON orders USING gin (lower(cast(shipping_address as text)) gin_trgm_ops)'
      )
    }
  }

  async down() {
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw('DROP INDEX IF EXISTS orders_shipping_address_trgm_index')
      this.schema.raw('DROP INDEX IF EXISTS orders_lower_email_prefix_index')
    }
    this.schema.alterTable('orders', (table) => {
      table.dropIndex(['status', 'id'], 'orders_status_id_index')
      table.dropIndex(['payment_status', 'id'], 'orders_payment_status_id_index')
      table.dropIndex(['fulfillment_status', 'id'], 'orders_fulfillment_status_id_index')
      table.dropIndex(['total', 'id'], 'orders_total_id_index')
      table.dropIndex(['fulfillment_status', 'payment_status', 'id'], 'orders_fulfillment_payment_id_index')
    })
    this.schema.alterTable('order_lines', (table) => {
      table.dropColumn('restocked_quantity')
      table.dropColumn('fulfilled_quantity')
    })
  }
}
