import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'product_images'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE')
      table.integer('variant_id').unsigned().nullable().references('id').inTable('variants').onDelete('SET NULL')
      // Relative to the uploads dir (or bucket); null until a pending image is fetched.
      table.string('storage_key', 512).nullable()
      // Where an imported image comes from; fetched later by a job, never inline.
      table.text('source_url').nullable()
      table.string('alt', 512).nullable()
      table.integer('width').nullable()
      table.integer('height').nullable()
      table.integer('byte_size').nullable()
      table.string('mime_type', 64).nullable()
      table.integer('position').notNullable().defaultTo(1)
      table.string('status', 16).notNullable().defaultTo('ready')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['product_id', 'position'])
      table.index(['variant_id'])
      table.index(['status'])
      table.check("status in ('ready', 'pending', 'failed')", {}, 'product_images_status_check')
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
