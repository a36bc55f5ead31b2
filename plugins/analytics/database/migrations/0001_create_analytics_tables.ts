import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Daily rollups the dashboards read instead of orders, and the facts they
 * were built from. A fact is an order timeline row (`order_events`:
 * payment_paid, payment_refunded, order_cancelled); each one is counted at
 * most once because `analytics_applied_events.order_event_id` is unique and
 * is inserted in the same transaction as the increments.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('analytics_daily_sales', (table) => {
      table.increments('id')
      // the calendar day in the store timezone, YYYY-MM-DD (sorts and compares as text)
      table.string('day', 10).notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      table.integer('orders').notNullable().defaultTo(0)
      table.bigInteger('gross_sales').notNullable().defaultTo(0)
      table.bigInteger('discounts').notNullable().defaultTo(0)
      table.bigInteger('shipping').notNullable().defaultTo(0)
      table.bigInteger('tax').notNullable().defaultTo(0)
      table.bigInteger('total_sales').notNullable().defaultTo(0)
      table.bigInteger('refunds').notNullable().defaultTo(0)
      table.bigInteger('net_sales').notNullable().defaultTo(0)
      table.integer('units').notNullable().defaultTo(0)
      table.integer('cancelled_orders').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['day', 'currency'])
    })

    this.schema.createTable('analytics_daily_products', (table) => {
      table.increments('id')
      table.string('day', 10).notNullable()
      table.specificType('currency', 'char(3)').notNullable()
      // 0 when the product or variant was deleted since (a unique key cannot hold NULLs usefully)
      table.integer('product_id').notNullable()
      table.integer('variant_id').notNullable()
      table.string('title', 255).notNullable()
      table.integer('units').notNullable().defaultTo(0)
      table.bigInteger('revenue').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['day', 'currency', 'product_id', 'variant_id'])
      table.index(['product_id'])
      // covers the top-products query (a currency, a range of days, summed per product) without reading the table
      table.index(['currency', 'day', 'product_id', 'units', 'revenue'], 'analytics_daily_products_top_index')
    })

    this.schema.createTable('analytics_applied_events', (table) => {
      table.increments('id')
      // no foreign key: rollups outlive pruned timelines
      table.integer('order_event_id').notNullable().unique()
      table.string('kind', 32).notNullable()
      table.string('day', 10).notNullable().index()
      // the outbox event that delivered it; null when the rebuild counted it
      table.bigInteger('outbox_event_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    // Scratch space for the rebuild: one row per store-timezone day with its UTC bounds.
    this.schema.createTable('analytics_rebuild_days', (table) => {
      table.string('day', 10).primary()
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table.timestamp('ends_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('analytics_rebuild_days')
    this.schema.dropTable('analytics_applied_events')
    this.schema.dropTable('analytics_daily_products')
    this.schema.dropTable('analytics_daily_sales')
  }
}
