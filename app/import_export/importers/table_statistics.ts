import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

/** The core tables a product import fills and then reads back per batch (stock is the inventory driver's). */
const CATALOG_TABLES = ['products', 'variants', 'product_options', 'product_option_values', 'product_tags', 'product_images']

/**
 * Keeps PostgreSQL's planner statistics in step with a bulk import. A table
 * that grows from nothing to 100,000 rows within minutes still looks empty
 * to the planner until autovacuum (if it runs at all) gets round to it, and
 * the per-batch lookups (`variant_id in (…)`) then turn into sequential scans
 * that grow with every batch. Analyzing after batches 1, 4, 16, 64, … costs
 * a few sampled scans per import and keeps those lookups on their
 * indexes. SQLite plans these queries from its indexes without statistics.
 * The stock tables belong to the inventory driver, asked to do the same
 * for its own (InventoryPort.refreshStatistics).
 */
export class TableStatistics {
  #batches = 0

  /** `inventory` defaults to the active driver, resolved on the first refresh. */
  constructor(private inventory?: InventoryPort) {}

  async afterBatch(wroteRows: boolean) {
    this.#batches += 1
    // powers of four: 1, 4, 16, 64, …
    if (!wroteRows || !/^10*$/.test(this.#batches.toString(4))) return
    if (db.connection().dialect.name === 'postgres') await db.rawQuery(`analyze ${CATALOG_TABLES.join(', ')}`)
    this.inventory ??= await app.container.make(InventoryPort)
    await this.inventory.refreshStatistics()
  }
}
