import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('product_options', (table) => {
      table.increments('id')
      table.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE')
      table.string('name', 255).notNullable()
      table.integer('position').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.unique(['product_id', 'name'])
    })

    this.schema.createTable('product_option_values', (table) => {
      table.increments('id')
      table.integer('option_id').unsigned().notNullable().references('id').inTable('product_options').onDelete('CASCADE')
      table.string('value', 255).notNullable()
      table.integer('position').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.unique(['option_id', 'value'])
    })
  }

  async down() {
    this.schema.dropTable('product_option_values')
    this.schema.dropTable('product_options')
  }
}
