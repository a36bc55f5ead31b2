import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

export type StockAdjustmentReason =
  | 'received'
  | 'damaged'
  | 'count'
  | 'correction'
  | 'import'
  | 'seed'
  | 'transfer'

export interface StockAdjustment {
  variantId: number
  /** defaults to the default stock location */
  locationId?: number
  /** signed change of on-hand quantity */
  delta: number
  reason: StockAdjustmentReason
  /** who did it: "staff:12", "cli", "seed" */
  actor?: string
  /** free reference: a PO number, an import file line */
  reference?: string
}

/**
 * InventoryPort: the only way core reads or changes stock. Reservation
 * (reserve/commit/release with atomic conditional updates) joins this
 * contract with the Selling work.
 */
export interface InventoryPort {
  readonly name: string
  /** sellable quantity (on hand minus reserved, over all locations) per variant id */
  available(variantIds: number[]): Promise<Map<number, number>>
  /** changes on-hand stock and writes the ledger, in the given transaction if any */
  adjust(adjustment: StockAdjustment, trx?: TransactionClientContract): Promise<{ onHand: number }>
  /**
   * A query selecting one column, the ids of variants with sellable stock
   * (available > 0), for `whereIn('variants.id', ...)`. Lets the catalog
   * filter "in stock" in SQL without knowing the plugin's tables.
   */
  inStockSubquery(): DatabaseQueryBuilderContract
}
