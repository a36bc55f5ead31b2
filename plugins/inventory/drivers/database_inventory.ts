import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type {
  InventoryPort,
  ReleaseReason,
  ReservationLine,
  StockAdjustment,
} from '#plugin_host/extension_points/inventory'
import { dbTimestamp } from '#services/db_time'
import { LowStockMonitor } from './low_stock.js'
import { ReservationBook } from './reservations.js'

/** Raised when an adjustment would leave less stock on hand than is reserved (or below zero). */
export class StockBelowReservedError extends Error {
  code = 'E_STOCK_BELOW_RESERVED'
  constructor(adjustment: StockAdjustment) {
    super(
      `Cannot change stock of variant ${adjustment.variantId} by ${adjustment.delta}: ` +
        'on-hand stock would fall below zero or below what is reserved'
    )
  }
}

/** SQLite and PostgreSQL both cap bound parameters; stay far below either limit. */
const ID_CHUNK = 500

/**
 * InventoryPort backed by the store database: `inventory_levels` per variant
 * and location, `inventory_movements` as the ledger. Every change is a single
 * atomic SQL statement, so concurrent web processes never lose an update; the
 * CHECK constraint on levels backs it up.
 */
export class DatabaseInventory implements InventoryPort {
  readonly name = 'database'
  #defaultLocationId?: number
  readonly lowStock: LowStockMonitor
  readonly #reservations: ReservationBook

  constructor(options: { lowStockThreshold?: number | null } = {}) {
    this.lowStock = new LowStockMonitor(options.lowStockThreshold ?? null)
    this.#reservations = new ReservationBook((trx) => this.defaultLocationId(trx), this.lowStock)
  }

  /** Holds stock for an order, all or nothing, in `trx`; see ReservationBook. */
  reserve(lines: ReservationLine[], options: { orderId: number; expiresAt: Date; trx: TransactionClientContract }) {
    return this.#reservations.reserve(lines, options)
  }

  /** The order was paid: its reserved stock leaves on-hand stock. Idempotent. */
  commit(orderId: number, trx: TransactionClientContract) {
    return this.#reservations.commit(orderId, trx)
  }

  /** Gives an order's active reservations back to sellable stock. Idempotent. */
  release(orderId: number, reason: ReleaseReason, trx: TransactionClientContract) {
    return this.#reservations.release(orderId, reason, trx)
  }

  /** Sellable quantity (on hand minus reserved, all locations); 0 for a variant without levels. */
  async available(variantIds: number[]): Promise<Map<number, number>> {
    const result = new Map<number, number>()
    const ids = [...new Set(variantIds)]
    for (const id of ids) result.set(id, 0)

    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const rows: Array<{ variant_id: number; available: string | number }> = await db
        .from('inventory_levels')
        .select('variant_id')
        .select(db.raw('sum(on_hand - reserved) as available'))
        .whereIn('variant_id', ids.slice(start, start + ID_CHUNK))
        .groupBy('variant_id')
      // PostgreSQL returns sum() of integers as a bigint string.
      for (const row of rows) result.set(Number(row.variant_id), Number(row.available))
    }
    return result
  }

  /** Variant ids whose levels add up to sellable stock, as a subquery for the catalog's in-stock filter. */
  inStockSubquery() {
    return db
      .from('inventory_levels')
      .select('variant_id')
      .groupBy('variant_id')
      .havingRaw('sum(on_hand - reserved) > 0')
  }

  /** Changes on-hand stock atomically and appends a ledger row, in `trx` when given. */
  async adjust(adjustment: StockAdjustment, trx?: TransactionClientContract) {
    if (!Number.isInteger(adjustment.delta)) {
      throw new TypeError(`Stock delta must be an integer, got ${adjustment.delta}`)
    }
    if (trx) return this.#adjustIn(trx, adjustment)
    return db.transaction((own) => this.#adjustIn(own, adjustment))
  }

  /** The location used when an adjustment names none. */
  async defaultLocationId(client: TransactionClientContract | typeof db = db): Promise<number> {
    if (this.#defaultLocationId) return this.#defaultLocationId
    const row = await client
      .from('stock_locations')
      .select('id')
      .orderBy([
        { column: 'is_default', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .first()
    if (!row) throw new Error('No stock location exists: run the inventory plugin migrations')
    this.#defaultLocationId = Number(row.id)
    return this.#defaultLocationId
  }

  async #adjustIn(trx: TransactionClientContract, adjustment: StockAdjustment) {
    const locationId = adjustment.locationId ?? (await this.defaultLocationId(trx))
    const now = dbTimestamp(trx)

    let onHand: number
    try {
      onHand = await this.#addToLevel(trx, adjustment, locationId, now)
    } catch (error) {
      if (String((error as Error).message).includes('inventory_levels_reserved_check')) {
        throw new StockBelowReservedError(adjustment)
      }
      throw error
    }

    await trx.table('inventory_movements').insert({
      variant_id: adjustment.variantId,
      location_id: locationId,
      delta: adjustment.delta,
      reason: adjustment.reason,
      actor: adjustment.actor ?? null,
      reference: adjustment.reference ?? null,
      on_hand_after: onHand,
      created_at: now,
    })
    if (adjustment.delta < 0) await this.lowStock.afterDecrease(trx, [adjustment.variantId])
    else if (adjustment.delta > 0) await this.lowStock.afterIncrease(trx, [adjustment.variantId])
    return { onHand }
  }

  /**
   * `on_hand = on_hand + delta` in one statement: no read-modify-write race.
   * The first movement of a variant at a location creates the level; the
   * upsert covers two first movements racing. (The update comes first because
   * both databases check the CHECK constraint on the row proposed for insert.)
   */
  async #addToLevel(trx: TransactionClientContract, adjustment: StockAdjustment, locationId: number, now: string) {
    const [updated] = await trx
      .knexQuery()
      .table('inventory_levels')
      .where({ variant_id: adjustment.variantId, location_id: locationId })
      .update({ on_hand: trx.knexRawQuery('on_hand + ?', [adjustment.delta]), updated_at: now })
      .returning('on_hand')
    if (updated) return Number(updated.on_hand)

    const [created] = await trx
      .knexQuery()
      .table('inventory_levels')
      .insert({
        variant_id: adjustment.variantId,
        location_id: locationId,
        on_hand: adjustment.delta,
        reserved: 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict(['variant_id', 'location_id'])
      .merge({ on_hand: trx.knexRawQuery('inventory_levels.on_hand + ?', [adjustment.delta]), updated_at: now })
      .returning('on_hand')
    return Number(created.on_hand)
  }
}
