import db from '@adonisjs/lucid/services/db'

/** The tables a product import fills and then reads back per batch. */
const CATALOG_TABLES = ['products', 'variants', 'product_options', 'product_option_values', 'product_tags', 'product_images', 'inventory_levels']

/**
 * Keeps PostgreSQL's planner statistics in step with a bulk import. A table
 * that grows from nothing to 100,000 rows within minutes still looks empty
 * to the planner until autovacuum (if it runs at all) gets round to it, and
 * the per-batch lookups (`variant_id in (…)`) then turn into sequential scans
 * that grow with every batch. Analyzing after batches 1, 4, 16, 64, … costs
 * a few sampled scans per import and keeps those lookups on their
 * indexes. SQLite plans these queries from its indexes without statistics.
 */
export class TableStatistics {
  #batches = 0

  async afterBatch(wroteRows: boolean) {
    this.#batches += 1
    if (!wroteRows || db.connection().dialect.name !== 'postgres') return
    // powers of four: 1, 4, 16, 64, …
    if (!/^10*$/.test(this.#batches.toString(4))) return
    await db.rawQuery(`analyze ${CATALOG_TABLES.join(', ')}`)
  }
}
