import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvents } from '#plugin_host/outbox'
import { dbTimestamp } from '#services/db_time'

/**
 * Low-stock alerts: a variant's available stock (on hand minus reserved, all
 * locations) compared with its threshold, the largest `low_stock_threshold`
 * on its levels, else the plugin's `lowStockThreshold` setting.
 *
 * `StockLow` is raised once per crossing: the first time a sale (commit) or
 * an adjustment leaves available stock at or below the threshold, a row is
 * inserted in `low_stock_alerts` (primary key per variant, so two processes
 * crossing at once insert one row and raise one event); later sales below
 * the threshold find the row and stay silent. When stock rises above the
 * threshold again (restock, released reservation) the row is deleted, which
 * re-arms the alert. Reserving alone never alerts: abandoned checkouts would
 * otherwise announce the same shortage over and over.
 */
export class LowStockMonitor {
  constructor(readonly defaultThreshold: number | null = null) {}

  /**
   * Raises `StockLow` for variants that are now at or below their threshold
   * and were not already announced. A few statements whatever the number of
   * variants: bulk adjustments (imports, counts) check hundreds at once.
   */
  async afterDecrease(trx: TransactionClientContract, variantIds: number[]) {
    const states = (await this.#states(trx, variantIds)).filter((state) => state.threshold !== null)
    await this.#rearm(trx, states.filter((state) => state.available > state.threshold!).map((state) => state.variantId))
    const low = states.filter((state) => state.available <= state.threshold!)
    if (!low.length) return
    // Only the rows this call inserts come back: a crossing already announced stays silent.
    const inserted: Array<{ variant_id: number } | number> = await trx
      .knexQuery()
      .table('low_stock_alerts')
      .insert(
        low.map((state) => ({
          variant_id: state.variantId,
          available: state.available,
          threshold: state.threshold,
          created_at: dbTimestamp(trx),
        }))
      )
      .onConflict('variant_id')
      .ignore()
      .returning('variant_id')
    const announced = new Set(inserted.map((row) => Number(typeof row === 'object' ? row.variant_id : row)))
    const events = low
      .filter((state) => announced.has(state.variantId))
      .map((state) => ({ variantId: state.variantId, available: state.available, threshold: state.threshold! }))
    if (events.length) await recordEvents('StockLow', events, trx)
  }

  /** Re-arms the alert of variants whose available stock is back above the threshold. */
  async afterIncrease(trx: TransactionClientContract, variantIds: number[]) {
    const states = await this.#states(trx, variantIds)
    await this.#rearm(
      trx,
      states.filter((state) => state.threshold === null || state.available > state.threshold).map((state) => state.variantId)
    )
  }

  async #rearm(trx: TransactionClientContract, variantIds: number[]) {
    if (variantIds.length) await trx.from('low_stock_alerts').whereIn('variant_id', variantIds).delete()
  }

  async #states(trx: TransactionClientContract, variantIds: number[]) {
    const ids = [...new Set(variantIds)].sort((a, b) => a - b)
    if (!ids.length) return []
    const rows: Array<{ variant_id: number; available: string | number; threshold: string | number | null }> =
      await trx
        .from('inventory_levels')
        .select('variant_id')
        .select(trx.raw('sum(on_hand - reserved) as available'))
        .select(trx.raw('max(low_stock_threshold) as threshold'))
        .whereIn('variant_id', ids)
        .groupBy('variant_id')
    return rows.map((row) => ({
      variantId: Number(row.variant_id),
      available: Number(row.available),
      threshold: row.threshold === null ? this.defaultThreshold : Number(row.threshold),
    }))
  }
}
