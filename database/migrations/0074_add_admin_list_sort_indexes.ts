import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Admin › Products sorts by `updated_at, id` (newest edits first, id as
 * tie-breaker). With `updated_at` alone PostgreSQL sorted all 50k rows on
 * every page view (165 ms on the bench); with both columns it reads the
 * first 50 entries of this index.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('products', (table) => {
      table.index(['updated_at', 'id'], 'products_updated_at_id_index')
    })
  }

  async down() {
    this.schema.alterTable('products', (table) => {
      table.dropIndex(['updated_at', 'id'], 'products_updated_at_id_index')
    })
  }
}
