import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Order statuses are not CHECK-constrained: the transition table in the
 * orders domain owns the allowed values, and SQLite cannot alter a CHECK
 * without rebuilding the table.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('orders', (table) => {
      table.increments('id')
      // Human order number (#1001), allocated by the place-order action.
      table.integer('number').notNullable().unique()
      // Unguessable id for guest order-status links.
      table.string('public_token', 64).notNullable().unique()
      table.integer('customer_id').unsigned().nullable().references('id').inTable('customers').onDelete('SET NULL')
      table.string('email', 254).notNullable()
      table.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      table.string('status', 32).notNullable().defaultTo('pending')
      table.string('payment_status', 32).notNullable().defaultTo('pending')
      table.string('fulfillment_status', 32).notNullable().defaultTo('unfulfilled')
      table.integer('subtotal').notNullable().defaultTo(0)
      table.integer('discount_total').notNullable().defaultTo(0)
      table.integer('shipping_total').notNullable().defaultTo(0)
      table.integer('tax_total').notNullable().defaultTo(0)
      table.integer('total').notNullable().defaultTo(0)
      table.json('shipping_address').nullable()
      table.json('billing_address').nullable()
      table.timestamp('placed_at', { useTz: true }).nullable()
      table.timestamp('cancelled_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['customer_id'])
      table.index(['email'])
      table.index(['status'])
      table.index(['payment_status'])
      table.index(['fulfillment_status'])
      table.index(['created_at'])
      table.index(['placed_at'])
      table.check(
        'subtotal >= 0 and discount_total >= 0 and shipping_total >= 0 and tax_total >= 0 and total >= 0',
        {},
        'orders_amounts_check'
      )
    })

    this.schema.createTable('order_lines', (table) => {
      table.increments('id')
      table.integer('order_id').unsigned().notNullable().references('id').inTable('orders').onDelete('CASCADE')
      // Snapshots below keep the order readable after the catalog changes.
      table.integer('variant_id').unsigned().nullable().references('id').inTable('variants').onDelete('SET NULL')
      table.integer('product_id').unsigned().nullable().references('id').inTable('products').onDelete('SET NULL')
      table.string('sku', 120).nullable()
      table.string('title', 255).notNullable()
      table.string('variant_title', 255).nullable()
      table.integer('quantity').notNullable()
      table.integer('unit_price').notNullable()
      table.integer('total').notNullable()
      table.integer('tax_amount').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['order_id'])
      table.index(['variant_id'])
      table.index(['product_id'])
      table.check('quantity > 0', {}, 'order_lines_quantity_check')
      table.check('unit_price >= 0 and total >= 0 and tax_amount >= 0', {}, 'order_lines_amounts_check')
    })

    this.schema.createTable('order_events', (table) => {
      table.increments('id')
      table.integer('order_id').unsigned().notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.string('type', 64).notNullable()
      table.string('from_status', 32).nullable()
      table.string('to_status', 32).nullable()
      table.json('data').nullable()
      // "staff:12", "customer:5", "system", "webhook:stripe"
      table.string('actor', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.index(['order_id', 'created_at'])
      table.index(['type'])
    })
  }

  async down() {
    this.schema.dropTable('order_events')
    this.schema.dropTable('order_lines')
    this.schema.dropTable('orders')
  }
}
