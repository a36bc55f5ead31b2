import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Long back-office operations (bulk fulfillment first) run in a background
 * job; their progress lives here, not in a process, so any web process can
 * show it and a retried job resumes after `cursor` instead of starting over.
 * `bulk_operation_items` keeps one row per order that did not succeed, with
 * the reason staff see on the progress page.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('bulk_operations', (table) => {
      table.increments('id')
      table.string('kind', 40).notNullable()
      table.string('status', 20).notNullable().defaultTo('queued')
      table.integer('staff_user_id').unsigned().nullable().references('id').inTable('staff_users').onDelete('SET NULL')
      // { orderIds: [...] } or { filters: {...} }, as staff chose them
      table.json('selection').notNullable()
      // carrier and other options applied to every order
      table.json('options').nullable()
      table.integer('total').notNullable().defaultTo(0)
      table.integer('processed').notNullable().defaultTo(0)
      table.integer('succeeded').notNullable().defaultTo(0)
      table.integer('skipped').notNullable().defaultTo(0)
      table.integer('failed').notNullable().defaultTo(0)
      // highest order id handled so far (orders are worked in id order)
      table.integer('cursor').notNullable().defaultTo(0)
      table.text('error').nullable()
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['kind', 'id'])
    })
    this.schema.createTable('bulk_operation_items', (table) => {
      table.increments('id')
      table.integer('bulk_operation_id').unsigned().notNullable().references('id').inTable('bulk_operations').onDelete('CASCADE')
      table.integer('order_id').unsigned().nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.integer('order_number').nullable()
      // skipped (nothing left to do) or failed (an error staff should look at)
      table.string('outcome', 20).notNullable()
      table.string('reason', 500).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['bulk_operation_id', 'order_id'])
    })
  }

  async down() {
    this.schema.dropTable('bulk_operation_items')
    this.schema.dropTable('bulk_operations')
  }
}
