import type { DateTime } from 'luxon'
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
  | 'sale'
  | 'return'

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

/** Stock of one variant at one location, as `levels` reads it. */
export interface StockLevel {
  variantId: number
  locationId: number
  /** the location's `code` (stock_locations.code), what files and operators name it by */
  locationCode: string
  onHand: number
  reserved: number
  /** when the level last changed */
  updatedAt: Date
}

/** A place stock is kept. */
export interface StockLocation {
  id: number
  code: string
  name: string
  isDefault: boolean
}

export interface ReservationLine {
  variantId: number
  quantity: number
}

export interface ShortLine {
  variantId: number
  requested: number
  /** sellable quantity when the reservation was refused */
  available: number
}

/** Raised by `reserve` when any line cannot be covered; nothing is reserved then. */
export class InsufficientStockError extends Error {
  code = 'E_INSUFFICIENT_STOCK'
  constructor(readonly lines: ShortLine[]) {
    super(
      'Not enough stock: ' +
        lines.map((line) => `variant ${line.variantId} wants ${line.requested}, ${line.available} left`).join('; ')
    )
  }
}

export type ReleaseReason = 'cancelled' | 'expired' | 'payment_failed'

/** The ledger's movements of one UTC day and reason, summed (see `movementsPerDay`). */
export interface DailyMovements {
  /** YYYY-MM-DD, UTC */
  day: string
  reason: string
  /** units added by the day's positive movements */
  unitsIn: number
  /** units taken by the day's negative movements, as a positive number */
  unitsOut: number
  movements: number
}

/**
 * InventoryPort: the only way core reads or changes stock. Checkout
 * reserves inside the order transaction with an atomic conditional update
 * (`reserved = reserved + n WHERE on_hand - reserved >= n`), backed by the
 * CHECK constraint; payment commits; failure, expiry or cancel releases.
 * Variants that do not track inventory, or whose policy is `continue`
 * (backorders), are never refused.
 *
 * An abstract class rather than an interface so it can be a container key:
 * core takes it by `@inject()` (import it as a value, not `import type`, or
 * the decorator metadata loses it) and tests `app.container.swap` it. Drivers
 * still `implements` it.
 */
export abstract class InventoryPort {
  abstract readonly name: string
  /** sellable quantity (on hand minus reserved, over all locations) per variant id */
  abstract available(variantIds: number[]): Promise<Map<number, number>>
  /** changes on-hand stock and writes the ledger, in the given transaction if any */
  abstract adjust(adjustment: StockAdjustment, trx?: TransactionClientContract): Promise<{ onHand: number }>
  /**
   * Many adjustments with a handful of statements per few hundred (imports,
   * stock counts). All or nothing: when one would take a level below zero or
   * below what is reserved, nothing of the call is applied and the driver's
   * refusal (the same error `adjust` throws) names that adjustment; the
   * caller's transaction stays usable. Several adjustments of one level are
   * applied as their sum, each still written to the ledger. Returns the
   * on-hand quantity after each adjustment, in the order given.
   */
  abstract adjustMany(adjustments: StockAdjustment[], trx?: TransactionClientContract): Promise<Array<{ onHand: number }>>
  /**
   * Stock per (variant, location) of these variants: only levels that exist,
   * ordered by variant then location. Read in `trx`, the levels do not change
   * under the caller until it ends (a stock count computes its changes from them).
   */
  abstract levels(variantIds: number[], trx?: TransactionClientContract): Promise<StockLevel[]>
  /** Every stock location, the default one first. */
  abstract locations(trx?: TransactionClientContract): Promise<StockLocation[]>
  /**
   * A query selecting one column, the ids of variants with sellable stock
   * (available > 0), for `whereIn('variants.id', ...)`. Lets the catalog
   * filter "in stock" in SQL without knowing the plugin's tables.
   */
  abstract inStockSubquery(): DatabaseQueryBuilderContract

  /**
   * Every level that exists, as a query selecting `variant_id`,
   * `location_code`, `on_hand` and `reserved`, one row per (variant,
   * location). Reports use it as a derived table joined to the catalog
   * (`db.from(inventory.levelsQuery().as('l'))`), so a store-wide stock
   * report is one query without knowing the plugin's tables.
   */
  abstract levelsQuery(): DatabaseQueryBuilderContract

  /** The ledger's movements from `range.from` to before `range.to`, summed per UTC day and reason. */
  abstract movementsPerDay(range: { from: DateTime<true>; to: DateTime<true> }): Promise<DailyMovements[]>

  /**
   * Called now and then during a bulk write (a product import, after
   * batches 1, 4, 16, …) so the driver can refresh its database's planner
   * statistics while its tables grow from nothing; a no-op where the
   * database keeps none.
   */
  abstract refreshStatistics(): Promise<void>

  /**
   * Reserves every line for an order, all or nothing, inside `trx` (the
   * order's transaction). Throws InsufficientStockError naming every short
   * line. Reservations expire at `expiresAt` unless committed first.
   */
  abstract reserve(
    lines: ReservationLine[],
    options: { orderId: number; expiresAt: Date; trx: TransactionClientContract }
  ): Promise<void>

  /** The order was paid: reserved stock leaves on-hand (ledger reason `sale`). Idempotent. */
  abstract commit(orderId: number, trx: TransactionClientContract): Promise<void>

  /** Gives an order's active reservations back to sellable stock. Idempotent. */
  abstract release(orderId: number, reason: ReleaseReason, trx: TransactionClientContract): Promise<void>
}
