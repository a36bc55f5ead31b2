import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Pending invitations to the back-office. Only the SHA-256 of the emailed
 * token is kept, so a leaked table opens no account; a row is usable once,
 * until it expires or is revoked.
 */
export default class extends BaseSchema {
  protected tableName = 'staff_invitations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('email', 254).notNullable()
      table.integer('role_id').unsigned().notNullable().references('id').inTable('roles').onDelete('CASCADE')
      table.string('token_hash', 64).notNullable().unique()
      table.integer('invited_by_id').unsigned().nullable().references('id').inTable('staff_users').onDelete('SET NULL')
      table.integer('staff_user_id').unsigned().nullable().references('id').inTable('staff_users').onDelete('SET NULL')
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['email'])
      table.index(['role_id'])
      table.index(['invited_by_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
