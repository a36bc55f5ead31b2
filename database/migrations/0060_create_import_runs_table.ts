import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per import run: where it got to, committed in the same
 * transaction as each batch, so an interrupted import resumes after the
 * last batch that really landed.
 */
export default class extends BaseSchema {
  protected tableName = 'import_runs'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('kind', 32).notNullable()
      table.string('file_name', 255).notNullable()
      // sha256 of the file's bytes and the options that change what is written
      table.string('fingerprint', 64).notNullable()
      // running -> completed | failed | abandoned
      table.string('status', 16).notNullable().defaultTo('running')
      // file line of the last product in the last committed batch
      table.integer('resume_line').notNullable().defaultTo(0)
      table.json('counts').notNullable()
      table.text('last_error').nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['kind', 'fingerprint', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
