import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The index behind instant search suggestions (#search/suggestions): on
 * PostgreSQL a pg_trgm GIN index over the lower-cased title of active
 * products, which answers `lower(title) like '%word%'` for any word of 3+
 * letters, wherever it sits in the title. SQLite needs nothing new: the
 * `product_search` FTS5 table (trigram tokenizer) already indexes titles.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    this.schema.raw(
      "CREATE INDEX products_active_title_lower_trgm ON products USING gin (lower(title) gin_trgm_ops) WHERE status = 'active'"
    )
  }

  async down() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('DROP INDEX IF EXISTS products_active_title_lower_trgm')
  }
}
