import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The durable job queue of embedded mode (and of PostgreSQL without Redis).
 * Times used for scheduling are epoch milliseconds so that claiming a job
 * compares numbers the same way on SQLite and PostgreSQL.
 */
export default class extends BaseSchema {
  protected tableName = 'jobs'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('queue', 50).notNullable().defaultTo('default')
      table.string('name', 150).notNullable()
      table.json('payload').notNullable()
      table.string('dedupe_key', 200).nullable().unique()
      table.string('status', 20).notNullable().defaultTo('pending')
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('max_attempts').notNullable().defaultTo(5)
      table.integer('backoff_ms').notNullable().defaultTo(1000)
      table.bigInteger('run_at_ms').notNullable()
      table.bigInteger('locked_until_ms').nullable()
      table.text('last_error').nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['queue', 'status', 'run_at_ms'])
      table.index(['name'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
