import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { StockAdjustment } from '#plugin_host/extension_points/inventory'
import { dbTimestamp } from '#services/db_time'
import type { LowStockMonitor } from './low_stock.js'

/**
 * Adjustments per round of statements. The ledger insert binds 8 values per
 * row (4,000 here), far below SQLite's 32,766 and PostgreSQL's 65,535.
 */
const CHUNK = 500

export type LocatedAdjustment = StockAdjustment & { locationId: number }

interface LevelChange {
  variantId: number
  locationId: number
  delta: number
}

const keyOf = (change: { variantId: number; locationId: number }) => `${change.variantId}:${change.locationId}`

/** `(cast(? as integer), …), …`: VALUES rows both databases type as integers. */
function integerRows(rows: number[][]) {
  return rows.map((row) => `(${row.map(() => 'cast(? as integer)').join(', ')})`).join(', ')
}

function rowsOf(result: any): any[] {
  return Array.isArray(result) ? result : result.rows
}

/**
 * Applies adjustments in `trx` with a few statements per chunk instead of
 * four or five per adjustment: the levels that exist are changed by one
 * `UPDATE … FROM (VALUES …)`, the missing ones created by one multi-row
 * upsert, the ledger written by one multi-row insert, and the low-stock
 * check runs once for the chunk's variants. Several adjustments of one level
 * change it by their sum; each still gets its ledger row, with the on-hand
 * quantity right after it. Returns those quantities in input order. The CHECK
 * on levels refuses a chunk that would take any level below zero or below
 * its reservations; the caller maps that to StockBelowReservedError.
 */
export async function applyAdjustments(
  trx: TransactionClientContract,
  adjustments: LocatedAdjustment[],
  lowStock: LowStockMonitor
): Promise<number[]> {
  const onHand: number[] = []
  for (let start = 0; start < adjustments.length; start += CHUNK) {
    onHand.push(...(await applyChunk(trx, adjustments.slice(start, start + CHUNK), lowStock)))
  }
  return onHand
}

async function applyChunk(trx: TransactionClientContract, chunk: LocatedAdjustment[], lowStock: LowStockMonitor) {
  const changes = new Map<string, LevelChange>()
  for (const adjustment of chunk) {
    const change = changes.get(keyOf(adjustment))
    if (change) change.delta += adjustment.delta
    else changes.set(keyOf(adjustment), { variantId: adjustment.variantId, locationId: adjustment.locationId, delta: adjustment.delta })
  }
  // In the order reservations lock levels (variant, then location), so a stock count beside checkouts cannot deadlock.
  const sorted = [...changes.values()].sort((a, b) => a.variantId - b.variantId || a.locationId - b.locationId)
  const now = dbTimestamp(trx)

  const after = await updateLevels(trx, sorted, now)
  const missing = sorted.filter((change) => !after.has(keyOf(change)))
  if (missing.length) for (const [key, quantity] of await insertLevels(trx, missing, now)) after.set(key, quantity)

  // Walking back from each level's final quantity gives the quantity right after every adjustment.
  const running = new Map(after)
  const onHand = new Array<number>(chunk.length)
  for (let index = chunk.length - 1; index >= 0; index--) {
    const key = keyOf(chunk[index])
    onHand[index] = running.get(key)!
    running.set(key, onHand[index] - chunk[index].delta)
  }
  await insertMovements(trx, chunk, onHand, now)

  // As `adjust` does per adjustment, by each variant's net change (all locations).
  const net = new Map<number, number>()
  for (const change of sorted) net.set(change.variantId, (net.get(change.variantId) ?? 0) + change.delta)
  const decreased = [...net].filter(([, delta]) => delta < 0).map(([id]) => id)
  const increased = [...net].filter(([, delta]) => delta > 0).map(([id]) => id)
  if (decreased.length) await lowStock.afterDecrease(trx, decreased)
  if (increased.length) await lowStock.afterIncrease(trx, increased)
  return onHand
}

/** Adds each change to its existing level in one statement; answers the new on-hand quantity per level key. */
async function updateLevels(trx: TransactionClientContract, changes: LevelChange[], now: string) {
  const values = integerRows(changes.map(() => [0, 0, 0]))
  const bindings = changes.flatMap((change) => [change.variantId, change.locationId, change.delta])
  if (trx.dialect.name === 'postgres') {
    // The join below locks rows in whatever order the plan takes; lock them in key order first.
    await trx.rawQuery(
      `with v(variant_id, location_id) as (values ${integerRows(changes.map(() => [0, 0]))})
       select l.id from inventory_levels l join v on l.variant_id = v.variant_id and l.location_id = v.location_id
       order by l.variant_id, l.location_id for update of l`,
      changes.flatMap((change) => [change.variantId, change.locationId])
    )
  }
  const result = await trx.rawQuery(
    `with v(variant_id, location_id, delta) as (values ${values})
     update inventory_levels set on_hand = inventory_levels.on_hand + v.delta, updated_at = ?
     from v where inventory_levels.variant_id = v.variant_id and inventory_levels.location_id = v.location_id
     returning inventory_levels.variant_id, inventory_levels.location_id, inventory_levels.on_hand`,
    [...bindings, now]
  )
  return new Map(
    rowsOf(result).map((row) => [keyOf({ variantId: Number(row.variant_id), locationId: Number(row.location_id) }), Number(row.on_hand)])
  )
}

/**
 * First movements at a location create the level. The upsert covers a
 * concurrent first movement that created it since our update.
 */
async function insertLevels(trx: TransactionClientContract, changes: LevelChange[], now: string) {
  const rows = changes.map(() => '(?, ?, ?, 0, ?, ?)').join(', ')
  const result = await trx.rawQuery(
    `insert into inventory_levels (variant_id, location_id, on_hand, reserved, created_at, updated_at) values ${rows}
     on conflict (variant_id, location_id) do update set on_hand = inventory_levels.on_hand + excluded.on_hand, updated_at = excluded.updated_at
     returning variant_id, location_id, on_hand`,
    changes.flatMap((change) => [change.variantId, change.locationId, change.delta, now, now])
  )
  return rowsOf(result).map(
    (row) => [keyOf({ variantId: Number(row.variant_id), locationId: Number(row.location_id) }), Number(row.on_hand)] as const
  )
}

async function insertMovements(trx: TransactionClientContract, chunk: LocatedAdjustment[], onHand: number[], now: string) {
  const rows = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')
  await trx.rawQuery(
    `insert into inventory_movements (variant_id, location_id, delta, reason, actor, reference, on_hand_after, created_at) values ${rows}`,
    // Lucid's binding type leaves out null, which both drivers bind as NULL.
    chunk.flatMap((adjustment, index): any[] => [
      adjustment.variantId,
      adjustment.locationId,
      adjustment.delta,
      adjustment.reason,
      adjustment.actor ?? null,
      adjustment.reference ?? null,
      onHand[index],
      now,
    ])
  )
}
