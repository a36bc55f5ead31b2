import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per variant whose available stock is at or below its low-stock
 * threshold and has been announced (`StockLow`). The primary key makes the
 * announcement happen once per crossing even when two sales cross it at
 * the same moment; the row is deleted when stock rises above the threshold
 * again, which re-arms the alert.
 */
export default class extends BaseSchema {
  protected tableName = 'low_stock_alerts'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.integer('variant_id').unsigned().primary().references('id').inTable('variants').onDelete('CASCADE')
      table.integer('available').notNullable()
      table.integer('threshold').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
