import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('collections', (table) => {
      table.increments('id')
      table.string('handle', 255).notNullable().unique()
      table.string('title', 255).notNullable()
      table.text('description_html').nullable()
      table.string('kind', 16).notNullable().defaultTo('manual')
      // Smart collections: [{ field, relation, value }], matched by the catalog queries.
      table.json('rules').nullable()
      // manual | title-asc | title-desc | price-asc | price-desc | created-desc
      table.string('sort_order', 32).notNullable().defaultTo('manual')
      table.boolean('published').notNullable().defaultTo(true).index()
      table.string('seo_title', 255).nullable()
      table.string('seo_description', 320).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.check("kind in ('manual', 'smart')", {}, 'collections_kind_check')
    })

    this.schema.createTable('collection_products', (table) => {
      table.increments('id')
      table.integer('collection_id').unsigned().notNullable().references('id').inTable('collections').onDelete('CASCADE')
      table.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE')
      table.integer('position').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.unique(['collection_id', 'product_id'])
      table.index(['product_id'])
    })
  }

  async down() {
    this.schema.dropTable('collection_products')
    this.schema.dropTable('collections')
  }
}
