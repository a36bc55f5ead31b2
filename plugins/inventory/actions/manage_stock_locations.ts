import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#services/db_time'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import type { LocationInput } from '../validators/admin.js'
import { StockChangeRefused } from './stock_locks.js'

/** "Back room 2" -> "back-room-2": the code files and the CLI name a location by. */
function codeFrom(name: string) {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'location'
  )
}

/** The location row, locked until the transaction ends on PostgreSQL (SQLite has one writer anyway). */
function lockedLocation(trx: TransactionClientContract, id: number) {
  const query = trx.from('stock_locations').where('id', id)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.first()
}

/** Admin › Inventory › Locations › Add. The code must be unused (the unique index decides). */
export async function createStockLocation(input: LocationInput, actor: Actor) {
  const code = input.code ?? codeFrom(input.name)
  return db.transaction(async (trx) => {
    if (await trx.from('stock_locations').where('code', code).first()) {
      throw new StockChangeRefused('code', `The code "${code}" is taken by another location.`)
    }
    const now = dbTimestamp(trx)
    const [row] = await trx
      .table('stock_locations')
      .insert({ name: input.name, code, is_default: false, is_active: true, created_at: now, updated_at: now })
      .returning('id')
    const id = Number(typeof row === 'object' ? row.id : row)
    await recordAudit(
      { actor, action: 'stock_location.created', subjectType: 'stock_location', subjectId: id, changes: diffChanges({}, { name: input.name, code }) },
      trx
    )
    return id
  })
}

/** Renames a location; its code stays, since stock files and the CLI refer to it. */
export async function renameStockLocation(id: number, name: string, actor: Actor) {
  return db.transaction(async (trx) => {
    const location = await lockedLocation(trx, id)
    if (!location) return false
    if (location.name === name) return true
    await trx.from('stock_locations').where('id', id).update({ name, updated_at: dbTimestamp(trx) })
    await recordAudit(
      { actor, action: 'stock_location.renamed', subjectType: 'stock_location', subjectId: id, changes: diffChanges({ name: location.name }, { name }) },
      trx
    )
    return true
  })
}

/**
 * Switches a location off (or back on). The default location and one still
 * holding stock stay active: its units would vanish from sellable stock
 * without a ledger row, so staff transfer them out first.
 */
export async function setStockLocationActive(id: number, active: boolean, actor: Actor) {
  return db.transaction(async (trx) => {
    const location = await lockedLocation(trx, id)
    if (!location) return false
    const wasActive = Boolean(Number(location.is_active))
    if (wasActive === active) return true
    if (!active) {
      if (Boolean(Number(location.is_default))) throw new StockChangeRefused('location', 'The default location cannot be deactivated.')
      const stock = await trx.from('inventory_levels').where('location_id', id).sum('on_hand as units').first()
      const units = Number(stock?.units ?? 0)
      if (units > 0) {
        throw new StockChangeRefused('location', `${location.name} still holds ${units} units: transfer them to another location first.`)
      }
    }
    await trx.from('stock_locations').where('id', id).update({ is_active: active, updated_at: dbTimestamp(trx) })
    await recordAudit(
      {
        actor,
        action: active ? 'stock_location.activated' : 'stock_location.deactivated',
        subjectType: 'stock_location',
        subjectId: id,
        changes: diffChanges({ active: wasActive }, { active }),
      },
      trx
    )
    return true
  })
}
