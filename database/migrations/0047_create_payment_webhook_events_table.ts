import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per provider event handled. It is inserted in the same
 * transaction as the event's effect, so a replayed or concurrently
 * delivered event finds the row and changes nothing.
 *
 * Until the payment flow moved into core this was the payments plugin's
 * migration: a database that ran it already has the table, so this one
 * only takes over its record (the old file is gone, and a rollback would
 * otherwise stop on it).
 */
export default class extends BaseSchema {
  protected tableName = 'payment_webhook_events'

  async up() {
    this.defer(async (db) => {
      await db.from('adonis_schema').where('name', 'plugins/payments/database/migrations/0001_create_payment_webhook_events_table').delete()
    })
    if (await this.db.schema.hasTable(this.tableName)) return

    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('provider', 64).notNullable()
      table.string('event_id', 255).notNullable()
      table.string('type', 64).notNullable()
      table.integer('order_id').unsigned().nullable().references('id').inTable('orders').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.unique(['provider', 'event_id'])
      table.index(['order_id'])
    })
  }

  async down() {
    this.schema.dropTableIfExists(this.tableName)
  }
}
