import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `amount_refunded` lets the refund action reserve money with one
 * conditional update (`... WHERE amount_refunded + n <= amount`), so two
 * refunds racing can never give back more than was paid.
 */
export default class extends BaseSchema {
  protected tableName = 'payments'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.integer('amount_refunded').notNullable().defaultTo(0)
      table.string('failure_reason', 500).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('failure_reason')
      table.dropColumn('amount_refunded')
    })
  }
}
