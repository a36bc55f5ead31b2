import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per (event, listener): the unique pair makes delivery idempotent
 * however often the relay runs, and the row is what admin shows when a
 * listener keeps failing.
 */
export default class extends BaseSchema {
  protected tableName = 'outbox_deliveries'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table
        .bigInteger('event_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('outbox_events')
        .onDelete('CASCADE')
      table.string('listener', 150).notNullable()
      table.string('status', 20).notNullable().defaultTo('pending').index()
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('max_attempts').notNullable().defaultTo(5)
      table.integer('retries_requested').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('delivered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['event_id', 'listener'])
      table.index(['listener'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
