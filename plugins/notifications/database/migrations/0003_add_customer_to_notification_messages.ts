import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Which customer a message is about (account and order emails), so erasing
 * a customer (the CustomerErased event) finds every message kept for them,
 * whatever address it went to; `erased_at` marks a message whose recipient
 * and contents were erased. Messages stored before this migration are
 * matched to customers by their current address, once (customers' emails
 * are stored lower-cased, so the unique index answers each lookup).
 */
export default class extends BaseSchema {
  protected tableName = 'notification_messages'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.integer('customer_id').unsigned().nullable().index()
      table.timestamp('erased_at', { useTz: true }).nullable()
    })
    this.defer(async (db) => {
      await db.rawQuery(
        `update notification_messages set customer_id = (
           select customers.id from customers where customers.email = lower(notification_messages.to_address)
         ) where customer_id is null`
      )
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('erased_at')
      table.dropColumn('customer_id')
    })
  }
}
