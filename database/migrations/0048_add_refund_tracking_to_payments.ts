import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `amount_refunded` lets the refund action reserve money with one
 * conditional update (`... WHERE amount_refunded + n <= amount`), so two
 * refunds racing can never give back more than was paid.
 *
 * Until the payment flow moved into core this was the payments plugin's
 * migration: a database that ran it already has the columns, so this one
 * only takes over its record (the old file is gone, and a rollback would
 * otherwise stop on it).
 */
export default class extends BaseSchema {
  protected tableName = 'payments'

  async up() {
    this.defer(async (db) => {
      await db.from('adonis_schema').where('name', 'plugins/payments/database/migrations/0002_add_refund_tracking_to_payments').delete()
    })
    const missing = {
      amountRefunded: !(await this.db.schema.hasColumn(this.tableName, 'amount_refunded')),
      failureReason: !(await this.db.schema.hasColumn(this.tableName, 'failure_reason')),
    }
    if (!missing.amountRefunded && !missing.failureReason) return

    this.schema.alterTable(this.tableName, (table) => {
      if (missing.amountRefunded) table.integer('amount_refunded').notNullable().defaultTo(0)
      if (missing.failureReason) table.string('failure_reason', 500).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('failure_reason')
      table.dropColumn('amount_refunded')
    })
  }
}
