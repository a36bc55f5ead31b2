import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The bulk product writer inserts a batch's tags before its products on
 * PostgreSQL, so the products' search documents are computed once, with
 * their tags, by the insert trigger (instead of once on insert and again,
 * with a row rewrite, by the tag trigger). That needs the tag → product
 * foreign key checked at commit within that transaction. It stays immediate
 * for every other statement. SQLite keeps its order and needs nothing.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('ALTER TABLE product_tags ALTER CONSTRAINT product_tags_product_id_foreign DEFERRABLE INITIALLY IMMEDIATE')
  }

  async down() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('ALTER TABLE product_tags ALTER CONSTRAINT product_tags_product_id_foreign NOT DEFERRABLE')
  }
}
