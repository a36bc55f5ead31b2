import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type {
  DailyMovements,
  InventoryPort,
  ReleaseReason,
  ReservationLine,
  StockAdjustment,
  StockLevel,
  StockLocation,
} from '#plugin_host/extension_points/inventory'
import { dbTimestamp } from '#services/db_time'
import { daySql } from '#services/db_time'
import { LowStockMonitor } from './low_stock.js'
import { ReservationBook } from './reservations.js'
import { applyAdjustments, type LocatedAdjustment } from './bulk_adjustments.js'
import { StockBelowReservedError, isReservedCheckViolation } from './stock_errors.js'

export { StockBelowReservedError } from './stock_errors.js'

type Client = TransactionClientContract | typeof db

/** PostgreSQL answers a Date; SQLite the text dbTimestamp wrote (local time). */
function readTimestamp(value: Date | string) {
  return value instanceof Date ? value : DateTime.fromSQL(value).toJSDate()
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

  /** Every level with its location's code, for store-wide reports (see InventoryPort.levelsQuery). */
  levelsQuery() {
    return db
      .from('inventory_levels as levels')
      .join('stock_locations as locations', 'locations.id', 'levels.location_id')
      .select('levels.variant_id', 'locations.code as location_code', 'levels.on_hand', 'levels.reserved')
  }

  /** Ledger rows in the range summed per UTC day and reason, in and out apart. */
  async movementsPerDay(range: { from: DateTime<true>; to: DateTime<true> }): Promise<DailyMovements[]> {
    const client = db.connection()
    const day = daySql('created_at')
    const rows = await client
      .from('inventory_movements')
      .where('created_at', '>=', dbTimestamp(client, range.from))
      .where('created_at', '<', dbTimestamp(client, range.to))
      .select('reason')
      .select(client.raw(`${day} as day`))
      .select(client.raw('sum(case when delta > 0 then delta else 0 end) as units_in'))
      .select(client.raw('sum(case when delta < 0 then -delta else 0 end) as units_out'))
      .select(client.raw('count(*) as movements'))
      .groupByRaw(`${day}, reason`)
    return rows.map((row) => ({
      day: row.day,
      reason: row.reason,
      unitsIn: Number(row.units_in),
      unitsOut: Number(row.units_out),
      movements: Number(row.movements),
    }))
  }

  /**
   * PostgreSQL only: an import grows the levels table from nothing within
   * minutes, and until analyzed the planner turns the per-batch
   * `variant_id in (…)` lookups into sequential scans (see TableStatistics).
   */
  async refreshStatistics() {
    if (db.connection().dialect.name === 'postgres') await db.rawQuery('analyze inventory_levels')
  }

  /** Changes on-hand stock atomically and appends a ledger row, in `trx` when given. */
  async adjust(adjustment: StockAdjustment, trx?: TransactionClientContract) {
    if (!Number.isInteger(adjustment.delta)) {
      throw new TypeError(`Stock delta must be an integer, got ${adjustment.delta}`)
    }
    if (trx) return this.#adjustIn(trx, adjustment)
    return db.transaction((own) => this.#adjustIn(own, adjustment))
  }

  /**
   * Many adjustments in a few statements per 500 (see bulk_adjustments.ts),
   * inside a savepoint of `trx` (or a transaction of its own): a refusal
   * undoes the whole call, names the adjustment that broke the CHECK, and
   * leaves the caller's transaction usable.
   */
  async adjustMany(adjustments: StockAdjustment[], trx?: TransactionClientContract) {
    if (!adjustments.length) return []
    const odd = adjustments.find((adjustment) => !Number.isInteger(adjustment.delta))
    if (odd) throw new TypeError(`Stock delta must be an integer, got ${odd.delta}`)
    const client: Client = trx ?? db
    const fallback = adjustments.some((adjustment) => !adjustment.locationId) ? await this.defaultLocationId(client) : 0
    const located = adjustments.map((adjustment) => ({ ...adjustment, locationId: adjustment.locationId || fallback }))
    try {
      const onHand = await client.transaction((own) => applyAdjustments(own, located, this.lowStock))
      return onHand.map((quantity) => ({ onHand: quantity }))
    } catch (error) {
      if (!isReservedCheckViolation(error)) throw error
      throw new StockBelowReservedError(await refusedAdjustment(client, located))
    }
  }

  /**
   * Stock per (variant, location) of these variants, with the location's
   * code; levels that exist only. Inside `trx` on PostgreSQL the rows stay
   * locked (in the order reservations lock them) until it ends, so a change
   * computed from them (a stock count's target minus on hand) cannot lose a
   * sale committed in between. SQLite has a single writer anyway.
   */
  async levels(variantIds: number[], trx?: TransactionClientContract): Promise<StockLevel[]> {
    const ids = [...new Set(variantIds)].sort((a, b) => a - b)
    const levels: StockLevel[] = []
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const query = (trx ?? db)
        .from('inventory_levels')
        .join('stock_locations', 'stock_locations.id', 'inventory_levels.location_id')
        .whereIn('inventory_levels.variant_id', ids.slice(start, start + ID_CHUNK))
        .select(
          'inventory_levels.variant_id',
          'inventory_levels.location_id',
          'stock_locations.code',
          'inventory_levels.on_hand',
          'inventory_levels.reserved',
          'inventory_levels.updated_at'
        )
        .orderBy('inventory_levels.variant_id')
        .orderBy('inventory_levels.location_id')
      if (trx?.dialect.name === 'postgres') query.forUpdate('inventory_levels')
      const rows = await query
      for (const row of rows) {
        levels.push({
          variantId: Number(row.variant_id),
          locationId: Number(row.location_id),
          locationCode: row.code,
          onHand: Number(row.on_hand),
          reserved: Number(row.reserved),
          updatedAt: readTimestamp(row.updated_at),
        })
      }
    }
    return levels
  }

  /** Every stock location, the default first. */
  async locations(trx?: TransactionClientContract): Promise<StockLocation[]> {
    const rows = await (trx ?? db)
      .from('stock_locations')
      .select('id', 'code', 'name', 'is_default')
      .orderBy([
        { column: 'is_default', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
    return rows.map((row) => ({ id: Number(row.id), code: row.code, name: row.name, isDefault: Boolean(Number(row.is_default)) }))
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
      if (isReservedCheckViolation(error)) {
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

/**
 * Which adjustment of a refused bulk call broke the CHECK: the first
 * decrease of a level whose total change would leave it below zero or below
 * its reservations (read again after the rollback).
 */
async function refusedAdjustment(client: Client, adjustments: LocatedAdjustment[]) {
  const keyOf = (row: { variantId: number; locationId: number }) => `${row.variantId}:${row.locationId}`
  const totals = new Map<string, number>()
  for (const adjustment of adjustments) totals.set(keyOf(adjustment), (totals.get(keyOf(adjustment)) ?? 0) + adjustment.delta)
  const levels = new Map<string, { onHand: number; reserved: number }>()
  const ids = [...new Set(adjustments.map((adjustment) => adjustment.variantId))]
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const rows = await client.from('inventory_levels').whereIn('variant_id', ids.slice(start, start + ID_CHUNK))
    for (const row of rows) {
      levels.set(keyOf({ variantId: Number(row.variant_id), locationId: Number(row.location_id) }), {
        onHand: Number(row.on_hand),
        reserved: Number(row.reserved),
      })
    }
  }
  const refused = (adjustment: LocatedAdjustment) => {
    const level = levels.get(keyOf(adjustment)) ?? { onHand: 0, reserved: 0 }
    return level.onHand + totals.get(keyOf(adjustment))! < level.reserved
  }
  return (
    adjustments.find((adjustment) => adjustment.delta < 0 && refused(adjustment)) ??
    adjustments.find((adjustment) => adjustment.delta < 0) ??
    adjustments[0]
  )
}
