import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'product_tags'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE')
      table.string('tag', 255).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()

      // The unique pair also serves lookups by product_id (leftmost column).
      table.unique(['product_id', 'tag'])
      table.index(['tag'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
