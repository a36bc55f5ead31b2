import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A location that closes keeps its ledger rows (history must stay readable),
 * so it is switched off rather than deleted: staff can no longer adjust or
 * transfer stock into it.
 */
export default class extends BaseSchema {
  protected tableName = 'stock_locations'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.boolean('is_active').notNullable().defaultTo(true)
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('is_active')
    })
  }
}
