import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Processed product images: the resized WebP renditions as JSON on the
 * image row (the storefront preloads images anyway, so srcset data costs
 * no extra query), why a fetch of an imported image failed, and which
 * round of fetching an imported image is in (the job's dedupe key).
 */
export default class extends BaseSchema {
  protected tableName = 'product_images'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      // [{ "width": 320, "height": 240, "key": "products/1/ab12/w320.webp", "bytes": 9100 }, …] widest last
      table.json('renditions').nullable()
      table.string('error', 512).nullable()
      // bumped when a failed import is set back to pending: its next fetch job is a new one
      table.integer('fetch_round').notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('renditions')
      table.dropColumn('error')
      table.dropColumn('fetch_round')
    })
  }
}
