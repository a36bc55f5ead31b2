import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Single-use, expiring tokens emailed to customers (verify an address,
 * reset a password, confirm a new address). Only a SHA-256 of each token
 * is stored: a copy of this table cannot be used to take over accounts.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('customer_tokens', (table) => {
      table.increments('id')
      table.integer('customer_id').unsigned().notNullable().references('id').inTable('customers').onDelete('CASCADE')
      table.string('purpose', 20).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      // The address the token was sent to: verify and change_email apply only to it.
      table.string('email', 254).nullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['customer_id', 'purpose'])
      table.index(['expires_at'])
    })
  }

  async down() {
    this.schema.dropTable('customer_tokens')
  }
}
