import { BaseSchema } from '@adonisjs/lucid/schema'

/** Append-only ledger: every change of on-hand stock, with who and why. */
export default class extends BaseSchema {
  protected tableName = 'inventory_movements'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.integer('variant_id').unsigned().notNullable().references('id').inTable('variants').onDelete('CASCADE')
      table.integer('location_id').unsigned().notNullable().references('id').inTable('stock_locations').onDelete('CASCADE')
      table.integer('delta').notNullable()
      table.string('reason', 32).notNullable()
      table.string('actor', 64).nullable()
      table.string('reference', 255).nullable()
      table.integer('on_hand_after').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.index(['variant_id', 'created_at'])
      table.index(['location_id'])
      table.index(['reason'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
