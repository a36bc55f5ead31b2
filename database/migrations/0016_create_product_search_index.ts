import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The storefront search index, kept in sync by triggers so every writer
 * (admin, importer, demo seeder, raw SQL) is covered without remembering to.
 *
 * PostgreSQL: `products.search_vector` (title A; vendor, type, tags B;
 * description C) with a GIN index, plus a pg_trgm GIN index on the title for
 * typo-tolerant similarity. SQLite: an FTS5 table with the trigram tokenizer,
 * one row per product (rowid = product id).
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name === 'postgres') return this.#upPostgres()
    this.#upSqlite()
  }

  async down() {
    if (this.db.dialect.name === 'postgres') {
      for (const event of ['insert', 'delete', 'update']) {
        this.schema.raw(`DROP TRIGGER IF EXISTS product_tags_search_${event} ON product_tags`)
      }
      this.schema.raw('DROP TRIGGER IF EXISTS products_search_vector ON products')
      this.schema.raw('DROP FUNCTION IF EXISTS stockroom_product_tags_search_refresh()')
      this.schema.raw('DROP FUNCTION IF EXISTS stockroom_products_search_vector()')
      this.schema.raw('DROP FUNCTION IF EXISTS stockroom_product_search_document(int, text, text, text, text)')
      this.schema.raw('DROP INDEX IF EXISTS products_title_trgm')
      this.schema.raw('ALTER TABLE products DROP COLUMN IF EXISTS search_vector')
      return
    }
    for (const name of ['insert', 'update', 'delete', 'tags_insert', 'tags_update', 'tags_delete']) {
      this.schema.raw(`DROP TRIGGER IF EXISTS product_search_${name}`)
    }
    this.schema.raw('DROP TABLE IF EXISTS product_search')
  }

  #upPostgres() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    this.schema.raw('ALTER TABLE products ADD COLUMN search_vector tsvector')
    this.schema.raw(`
      CREATE FUNCTION stockroom_product_search_document(pid int, title text, vendor text, ptype text, description text)
      RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
          || setweight(to_tsvector('english', coalesce(vendor, '') || ' ' || coalesce(ptype, '') || ' ' ||
               coalesce((SELECT string_agg(tag, ' ') FROM product_tags WHERE product_id = pid), '')), 'B')
          || setweight(to_tsvector('english', regexp_replace(coalesce(description, ''), '<[^>]*>', ' ', 'g')), 'C')
      $$`)
    this.schema.raw(`
      CREATE FUNCTION stockroom_products_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := stockroom_product_search_document(NEW.id, NEW.title, NEW.vendor, NEW.product_type, NEW.description_html);
        RETURN NEW;
      END $$`)
    this.schema.raw(`
      CREATE TRIGGER products_search_vector BEFORE INSERT OR UPDATE OF title, vendor, product_type, description_html
      ON products FOR EACH ROW EXECUTE FUNCTION stockroom_products_search_vector()`)
    // Tags live in their own table: recompute the documents of the products
    // whose tags changed, once per statement (a bulk import inserts thousands).
    this.schema.raw(`
      CREATE FUNCTION stockroom_product_tags_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE products SET search_vector =
          stockroom_product_search_document(id, title, vendor, product_type, description_html)
          WHERE id IN (SELECT product_id FROM changed_tags);
        RETURN NULL;
      END $$`)
    for (const [event, transition] of [
      ['INSERT', 'NEW TABLE AS changed_tags'],
      ['DELETE', 'OLD TABLE AS changed_tags'],
      ['UPDATE', 'NEW TABLE AS changed_tags'],
    ]) {
      this.schema.raw(`
        CREATE TRIGGER product_tags_search_${event.toLowerCase()} AFTER ${event} ON product_tags
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION stockroom_product_tags_search_refresh()`)
    }
    this.schema.raw(`UPDATE products SET search_vector =
      stockroom_product_search_document(id, title, vendor, product_type, description_html)`)
    this.schema.raw('CREATE INDEX products_search_vector_gin ON products USING gin (search_vector)')
    this.schema.raw('CREATE INDEX products_title_trgm ON products USING gin (title gin_trgm_ops)')
  }

  #upSqlite() {
    // title, meta (vendor, type, tags), description: bm25 weights them in that order.
    this.schema.raw(
      "CREATE VIRTUAL TABLE product_search USING fts5(title, meta, description, tokenize = 'trigram')"
    )
    const row = (p: string) => `${p}.id, ${p}.title,
      coalesce(${p}.vendor, '') || ' ' || coalesce(${p}.product_type, '') || ' ' ||
        coalesce((SELECT group_concat(tag, ' ') FROM product_tags WHERE product_id = ${p}.id), ''),
      coalesce(${p}.description_html, '')`
    const insertFor = (id: string) =>
      `INSERT INTO product_search (rowid, title, meta, description) SELECT ${row('p')} FROM products p WHERE p.id = ${id};`
    const refresh = (id: string) => `DELETE FROM product_search WHERE rowid = ${id}; ${insertFor(id)}`

    this.schema.raw(`CREATE TRIGGER product_search_insert AFTER INSERT ON products BEGIN ${insertFor('new.id')} END`)
    this.schema.raw(
      `CREATE TRIGGER product_search_update AFTER UPDATE OF title, vendor, product_type, description_html ON products
       BEGIN ${refresh('old.id')} END`
    )
    this.schema.raw('CREATE TRIGGER product_search_delete AFTER DELETE ON products BEGIN DELETE FROM product_search WHERE rowid = old.id; END')
    this.schema.raw(`CREATE TRIGGER product_search_tags_insert AFTER INSERT ON product_tags BEGIN ${refresh('new.product_id')} END`)
    this.schema.raw(`CREATE TRIGGER product_search_tags_update AFTER UPDATE ON product_tags BEGIN ${refresh('old.product_id')} ${refresh('new.product_id')} END`)
    this.schema.raw(`CREATE TRIGGER product_search_tags_delete AFTER DELETE ON product_tags BEGIN ${refresh('old.product_id')} END`)
    this.schema.raw(`INSERT INTO product_search (rowid, title, meta, description) SELECT ${row('p')} FROM products p`)
  }
}
