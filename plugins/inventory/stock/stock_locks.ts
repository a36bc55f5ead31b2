import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#services/db_time'

/** Refused input, with the form field it belongs to. */
export class StockChangeRefused extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message)
  }
}

export interface LocationRow {
  id: number
  code: string
  name: string
  isActive: boolean
}

/** The location, or a refusal naming `field`; an inactive one is refused when stock would go into it. */
export async function findLocation(trx: TransactionClientContract, id: number, field: string, options: { receiving: boolean }) {
  const row = await trx.from('stock_locations').where('id', id).select('id', 'code', 'name', 'is_active').first()
  if (!row) throw new StockChangeRefused(field, 'Choose a stock location from the list.')
  const location: LocationRow = { id: Number(row.id), code: row.code, name: row.name, isActive: Boolean(Number(row.is_active)) }
  if (options.receiving && !location.isActive) {
    throw new StockChangeRefused(field, `${location.name} is deactivated: stock can only leave it.`)
  }
  return location
}

/**
 * Makes sure a level row exists at each location, so that every level the
 * change touches can be locked before it is read. Without it, two counts of
 * a variant never stocked there would both read 0 and both add their count.
 */
export async function ensureLevels(trx: TransactionClientContract, variantId: number, locationIds: number[]) {
  const now = dbTimestamp(trx)
  await trx
    .knexQuery()
    .table('inventory_levels')
    .insert(locationIds.map((locationId) => ({ variant_id: variantId, location_id: locationId, on_hand: 0, reserved: 0, created_at: now, updated_at: now })))
    .onConflict(['variant_id', 'location_id'])
    .ignore()
}

/** The location row, locked until the transaction ends on PostgreSQL (SQLite has one writer anyway). */
export function lockedLocation(trx: TransactionClientContract, id: number) {
  const query = trx.from('stock_locations').where('id', id)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.first()
}
