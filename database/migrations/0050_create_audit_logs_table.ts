import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      // "staff", "system", "cli", "plugin:<name>"
      table.string('actor_type', 32).notNullable()
      table.integer('actor_id').nullable()
      // "product.updated", "order.refunded", "staff.signed_in"
      table.string('action', 96).notNullable()
      table.string('subject_type', 64).nullable()
      table.string('subject_id', 64).nullable()
      table.json('changes').nullable()
      table.string('ip', 64).nullable()
      table.string('user_agent', 512).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.index(['actor_type', 'actor_id'])
      table.index(['subject_type', 'subject_id'])
      table.index(['action'])
      table.index(['created_at'])
    })

    this.schema.createTable('plugin_settings', (table) => {
      table.increments('id')
      table.string('plugin', 64).notNullable()
      table.string('key', 128).notNullable()
      table.json('value').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.unique(['plugin', 'key'])
    })
  }

  async down() {
    this.schema.dropTable('plugin_settings')
    this.schema.dropTable('audit_logs')
  }
}
