import { BaseSchema } from '@adonisjs/lucid/schema'

/** Back-office labels ("wholesale", "vip") and internal notes staff keep on a customer. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('customer_tags', (table) => {
      table.integer('customer_id').unsigned().notNullable().references('id').inTable('customers').onDelete('CASCADE')
      table.string('tag', 64).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.primary(['customer_id', 'tag'])
      // the list's tag filter starts from the tag
      table.index(['tag', 'customer_id'])
    })

    this.schema.createTable('customer_notes', (table) => {
      table.increments('id')
      table.integer('customer_id').unsigned().notNullable().references('id').inTable('customers').onDelete('CASCADE')
      table.integer('staff_user_id').unsigned().nullable().references('id').inTable('staff_users').onDelete('SET NULL')
      table.text('body').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['customer_id', 'created_at'])
      table.index(['staff_user_id'])
    })

    // Admin › Customers sorted by name reads this index instead of sorting the table
    this.schema.alterTable('customers', (table) => {
      table.index(['last_name', 'first_name', 'id'], 'customers_name_index')
    })
  }

  async down() {
    this.schema.alterTable('customers', (table) => {
      table.dropIndex(['last_name', 'first_name', 'id'], 'customers_name_index')
    })
    this.schema.dropTable('customer_notes')
    this.schema.dropTable('customer_tags')
  }
}
