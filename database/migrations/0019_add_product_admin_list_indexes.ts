import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Admin › Products over 50k products: sorting by title or last update
 * reads the first 50 entries of an index instead of sorting the table;
 * "lowest price" per product is an index-only lookup on (product_id,
 * price); on PostgreSQL a SKU prefix search uses an index on lower(sku).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('products', (table) => {
      table.index(['title'], 'products_title_index')
      table.index(['updated_at'], 'products_updated_at_index')
    })
    this.schema.alterTable('variants', (table) => {
      table.index(['product_id', 'price'], 'variants_product_id_price_index')
    })
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw('CREATE INDEX variants_lower_sku_prefix_index ON variants (lower(sku) text_pattern_ops)')
    }
  }

  async down() {
    if (this.db.dialect.name === 'postgres') this.schema.raw('DROP INDEX IF EXISTS variants_lower_sku_prefix_index')
    this.schema.alterTable('variants', (table) => {
      table.dropIndex(['product_id', 'price'], 'variants_product_id_price_index')
    })
    this.schema.alterTable('products', (table) => {
      table.dropIndex(['title'], 'products_title_index')
      table.dropIndex(['updated_at'], 'products_updated_at_index')
    })
  }
}
