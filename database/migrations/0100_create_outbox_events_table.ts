import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Domain events written in the same transaction as the change that caused
 * them. `relayed_at` is set once a delivery row exists for every listener.
 */
export default class extends BaseSchema {
  protected tableName = 'outbox_events'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('name', 100).notNullable().index()
      table.json('payload').notNullable()
      table.timestamp('occurred_at', { useTz: true }).notNullable()
      table.timestamp('relayed_at', { useTz: true }).nullable().index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
