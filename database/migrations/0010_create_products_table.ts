import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'products'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('handle', 255).notNullable().unique()
      table.string('title', 255).notNullable()
      table.text('description_html').nullable()
      table.string('vendor', 255).nullable().index()
      table.string('product_type', 255).nullable().index()
      table.string('status', 16).notNullable().defaultTo('draft').index()
      table.string('seo_title', 255).nullable()
      table.string('seo_description', 320).nullable()
      table.timestamp('published_at', { useTz: true }).nullable()
      // Optimistic concurrency: an edit saves only if the version it read is still current.
      table.integer('lock_version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['created_at'])
      table.check("status in ('draft', 'active', 'archived')", {}, 'products_status_check')
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
