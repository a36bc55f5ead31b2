import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every message the notifications plugin handled, whatever the driver.
 * The outbox driver stops at `stored`; a sending driver moves a row to
 * `sent` (with the provider's id) or `failed` (with the error).
 * `idempotency_key` is unique so a retried event can never produce a
 * second message, even when two workers race.
 */
export default class extends BaseSchema {
  protected tableName = 'notification_messages'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('channel', 20).notNullable().defaultTo('email')
      table.string('driver', 50).notNullable()
      table.string('from_address', 320).nullable()
      table.string('to_address', 320).notNullable().index()
      table.string('subject', 500).notNullable()
      table.text('html').notNullable()
      table.text('text').nullable()
      table.string('template', 100).nullable().index()
      table.string('idempotency_key', 255).nullable().unique()
      table.string('status', 20).notNullable().defaultTo('stored').index()
      table.string('provider_message_id', 255).nullable().index()
      table.text('error').nullable()
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().index()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
