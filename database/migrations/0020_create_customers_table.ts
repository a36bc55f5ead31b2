import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('customers', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable().unique()
      table.string('first_name', 120).nullable()
      table.string('last_name', 120).nullable()
      table.string('phone', 40).nullable()
      // Null for guests who have not created an account.
      table.string('password').nullable()
      table.boolean('accepts_marketing').notNullable().defaultTo(false)
      table.timestamp('email_verified_at', { useTz: true }).nullable()
      table.timestamp('anonymized_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['created_at'])
    })

    this.schema.createTable('addresses', (table) => {
      table.increments('id')
      table.integer('customer_id').unsigned().notNullable().references('id').inTable('customers').onDelete('CASCADE')
      table.string('first_name', 120).nullable()
      table.string('last_name', 120).nullable()
      table.string('company', 160).nullable()
      table.string('line1', 255).notNullable()
      table.string('line2', 255).nullable()
      table.string('city', 120).notNullable()
      table.string('region', 120).nullable()
      table.string('postal_code', 32).nullable()
      table.specificType('country_code', 'char(2)').notNullable()
      table.string('phone', 40).nullable()
      table.boolean('is_default_shipping').notNullable().defaultTo(false)
      table.boolean('is_default_billing').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['customer_id'])
    })
  }

  async down() {
    this.schema.dropTable('addresses')
    this.schema.dropTable('customers')
  }
}
