import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Staff tags on orders ("gift", "vip", "fraud-check"): one row per order
 * and tag, lowercase. The (tag, order_id) key serves "orders tagged x,
 * newest first" from the index alone.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('order_tags', (table) => {
      table.increments('id')
      table.integer('order_id').unsigned().notNullable().references('id').inTable('orders').onDelete('CASCADE')
      table.string('tag', 40).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['order_id', 'tag'])
      table.index(['tag', 'order_id'])
    })
  }

  async down() {
    this.schema.dropTable('order_tags')
  }
}
