import { BaseSchema } from '@adonisjs/lucid/schema'

/** Named filter sets on Admin › Orders, per staff member; `query` is the list's query string. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('saved_order_views', (table) => {
      table.increments('id')
      table.integer('staff_user_id').unsigned().notNullable().references('id').inTable('staff_users').onDelete('CASCADE')
      table.string('name', 60).notNullable()
      table.string('query', 1000).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['staff_user_id', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('saved_order_views')
  }
}
