import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A sending driver claims a message before calling its provider: status
 * `sending` with a lease in epoch milliseconds (compared as numbers on
 * SQLite and PostgreSQL alike). A worker that dies mid-send leaves the
 * lease to run out, and the retried job takes the message over; a live
 * worker's lease keeps a second one from sending the same message.
 */
export default class extends BaseSchema {
  protected tableName = 'notification_messages'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.bigInteger('locked_until_ms').nullable()
      table.integer('attempts').notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('attempts')
      table.dropColumn('locked_until_ms')
    })
  }
}
