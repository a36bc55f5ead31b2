import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  InsufficientStockError,
  type ReleaseReason,
  type ReservationLine,
  type ShortLine,
} from '#plugin_host/extension_points/inventory'
import { affectedRows, dbTimestamp } from '#services/db_time'
import type { LowStockMonitor } from './low_stock.js'

interface VariantRow {
  id: number
  track_inventory: boolean | number
  inventory_policy: 'deny' | 'continue'
}

/** A concurrent order can take stock between our read and our update; re-read this many times. */
const ATTEMPTS = 3

/**
 * Reservations, commits and releases for the database inventory driver.
 * Every change of a level is one conditional UPDATE, so the database
 * decides who gets the last unit, with any number of processes; the CHECK
 * on `inventory_levels` (reserved between 0 and on_hand) backs it up.
 * Levels are always touched in the same order (variant id, then default
 * location first, then location id), so two orders sharing variants cannot
 * deadlock on PostgreSQL.
 */
export class ReservationBook {
  constructor(
    protected defaultLocationId: (trx: TransactionClientContract) => Promise<number>,
    protected lowStock: LowStockMonitor
  ) {}

  /**
   * All or nothing, in the caller's transaction: when a line is short, every
   * line is still tried (so the error names all short lines), the holds
   * already taken are undone, and InsufficientStockError is thrown. Nothing
   * is left held, whether the caller rolls back or goes on. (Any other
   * error leaves the transaction to roll back, as always.)
   */
  async reserve(
    lines: ReservationLine[],
    options: { orderId: number; expiresAt: Date; trx: TransactionClientContract }
  ): Promise<void> {
    const wanted = mergeLines(lines)
    if (!wanted.size) return
    const { trx } = options
    const variants = await this.#variants(trx, [...wanted.keys()])
    const defaultLocation = await this.defaultLocationId(trx)
    const now = dbTimestamp(trx)
    const expiresAt = dbTimestamp(trx, toDateTime(options.expiresAt))

    const short: ShortLine[] = []
    const holds: Array<{ variantId: number; locationId: number; quantity: number }> = []
    const backorders: Record<string, unknown>[] = []

    for (const [variantId, requested] of wanted) {
      const variant = variants.get(variantId)
      // Untracked variants are sold without counting stock.
      if (variant && !Number(variant.track_inventory)) continue

      const taken = await this.#take(trx, variantId, requested, defaultLocation)
      for (const [locationId, quantity] of taken) holds.push({ variantId, locationId, quantity })
      const got = [...taken.values()].reduce((sum, quantity) => sum + quantity, 0)
      if (got === requested) continue
      if (variant?.inventory_policy === 'continue') {
        backorders.push({ variant_id: variantId, order_id: options.orderId, quantity: requested - got })
      } else {
        short.push({ variantId, requested, available: got })
      }
    }

    if (short.length) {
      await this.#undo(trx, holds)
      throw new InsufficientStockError(short)
    }
    if (holds.length) {
      const rows = holds.map((hold) => ({
        variant_id: hold.variantId,
        location_id: hold.locationId,
        order_id: options.orderId,
        quantity: hold.quantity,
        status: 'active',
        expires_at: expiresAt,
        created_at: now,
        updated_at: now,
      }))
      await trx.table('reservations').multiInsert(rows)
    }
    if (backorders.length) {
      const rows = backorders.map((row) => ({ ...row, status: 'open', created_at: now, updated_at: now }))
      await trx.table('backorders').multiInsert(rows)
    }
  }

  /**
   * Takes back the holds of a refused reservation. Exact: this transaction
   * has held those level rows locked since it raised them, so nobody else
   * changed them in between. Cheaper than a savepoint on the hot path.
   */
  async #undo(trx: TransactionClientContract, holds: Array<{ variantId: number; locationId: number; quantity: number }>) {
    for (const hold of holds) {
      await trx
        .from('inventory_levels')
        .where({ variant_id: hold.variantId, location_id: hold.locationId })
        .update({ reserved: trx.knexRawQuery('reserved - ?', [hold.quantity]) })
    }
  }

  /** Paid: reserved units leave on-hand stock, one ledger row (`sale`) each. Idempotent. */
  async commit(orderId: number, trx: TransactionClientContract): Promise<void> {
    const now = dbTimestamp(trx)
    const touched: number[] = []
    for (const reservation of await this.#active(trx, orderId)) {
      // Claiming the reservation first makes a second commit (or a racing release) a no-op.
      if (!(await this.#claim(trx, reservation.id, 'committed', now))) continue
      const [level] = await trx
        .knexQuery()
        .table('inventory_levels')
        .where({ variant_id: reservation.variant_id, location_id: reservation.location_id })
        .update({
          on_hand: trx.knexRawQuery('on_hand - ?', [reservation.quantity]),
          reserved: trx.knexRawQuery('reserved - ?', [reservation.quantity]),
          updated_at: now,
        })
        .returning('on_hand')
      await trx.table('inventory_movements').insert({
        variant_id: reservation.variant_id,
        location_id: reservation.location_id,
        delta: -reservation.quantity,
        reason: 'sale',
        actor: null,
        reference: `order:${orderId}`,
        on_hand_after: Number(level.on_hand),
        created_at: now,
      })
      touched.push(Number(reservation.variant_id))
    }
    await trx
      .from('backorders')
      .where({ order_id: orderId, status: 'open' })
      .update({ status: 'committed', updated_at: now })
    await this.lowStock.afterDecrease(trx, touched)
  }

  /** Gives an order's active reservations back to sellable stock; open backorders are dropped. Idempotent. */
  async release(orderId: number, reason: ReleaseReason, trx: TransactionClientContract): Promise<void> {
    const now = dbTimestamp(trx)
    const status = reason === 'expired' ? 'expired' : 'released'
    const touched: number[] = []
    for (const reservation of await this.#active(trx, orderId)) {
      if (!(await this.#claim(trx, reservation.id, status, now))) continue
      await trx
        .from('inventory_levels')
        .where({ variant_id: reservation.variant_id, location_id: reservation.location_id })
        .update({ reserved: trx.knexRawQuery('reserved - ?', [reservation.quantity]), updated_at: now })
      touched.push(Number(reservation.variant_id))
    }
    await trx
      .from('backorders')
      .where({ order_id: orderId, status: 'open' })
      .update({ status: 'released', updated_at: now })
    await this.lowStock.afterIncrease(trx, touched)
  }

  /**
   * Reserves up to `requested` units of one variant: the default location in
   * one statement when it has them all (the common case), otherwise split
   * over locations, default first. Answers what it got per location.
   */
  async #take(trx: TransactionClientContract, variantId: number, requested: number, defaultLocation: number) {
    const taken = new Map<number, number>()
    if (await this.#reserveAt(trx, variantId, defaultLocation, requested)) {
      taken.set(defaultLocation, requested)
      return taken
    }
    let missing = requested
    for (let attempt = 0; attempt < ATTEMPTS && missing > 0; attempt++) {
      const levels: Array<{ location_id: number; available: number | string }> = await trx
        .from('inventory_levels')
        .select('location_id', trx.raw('on_hand - reserved as available'))
        .where('variant_id', variantId)
        .whereRaw('on_hand - reserved > 0')
        .orderByRaw('case when location_id = ? then 0 else 1 end, location_id', [defaultLocation])
      if (!levels.length) break
      for (const level of levels) {
        const quantity = Math.min(missing, Number(level.available))
        if (quantity <= 0 || !(await this.#reserveAt(trx, variantId, Number(level.location_id), quantity))) continue
        taken.set(Number(level.location_id), (taken.get(Number(level.location_id)) ?? 0) + quantity)
        missing -= quantity
        if (missing === 0) break
      }
    }
    return taken
  }

  /** The atomic conditional update: succeeds only while the location still has `quantity` sellable. */
  async #reserveAt(trx: TransactionClientContract, variantId: number, locationId: number, quantity: number) {
    const updated = await trx
      .from('inventory_levels')
      .where({ variant_id: variantId, location_id: locationId })
      .whereRaw('on_hand - reserved >= ?', [quantity])
      .update({ reserved: trx.knexRawQuery('reserved + ?', [quantity]), updated_at: dbTimestamp(trx) })
    return affectedRows(updated) === 1
  }

  async #claim(trx: TransactionClientContract, id: number, status: string, now: string) {
    const updated = await trx
      .from('reservations')
      .where({ id, status: 'active' })
      .update({ status, updated_at: now })
    return affectedRows(updated) === 1
  }

  async #active(trx: TransactionClientContract, orderId: number) {
    const rows: Array<{ id: number; variant_id: number; location_id: number; quantity: number }> = await trx
      .from('reservations')
      .select('id', 'variant_id', 'location_id', 'quantity')
      .where({ order_id: orderId, status: 'active' })
      // The order reserve locks levels in: by variant, default location first.
      .orderBy('variant_id')
      .orderByRaw('case when location_id = ? then 0 else 1 end, location_id, id', [
        await this.defaultLocationId(trx),
      ])
    return rows.map((row) => ({ ...row, quantity: Number(row.quantity) }))
  }

  async #variants(trx: TransactionClientContract, ids: number[]) {
    const rows: VariantRow[] = await trx
      .from('variants')
      .select('id', 'track_inventory', 'inventory_policy')
      .whereIn('id', ids)
    return new Map(rows.map((row) => [Number(row.id), row]))
  }
}

/** Same variant on two lines counts once, with the quantities added; sorted by id for lock order. */
function mergeLines(lines: ReservationLine[]) {
  const merged = new Map<number, number>()
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new TypeError(`Reservation quantity must be a positive integer, got ${line.quantity}`)
    }
    merged.set(line.variantId, (merged.get(line.variantId) ?? 0) + line.quantity)
  }
  return new Map([...merged].sort(([a], [b]) => a - b))
}

function toDateTime(date: Date) {
  return DateTime.fromJSDate(date) as DateTime<true>
}
