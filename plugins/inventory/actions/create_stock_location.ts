import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import type { LocationInput } from '../validators/admin.js'
import { StockChangeRefused } from '../stock/stock_locks.js'

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

/** Admin › Inventory › Locations › Add. The code must be unused (the unique index decides); answers the new id. */
@inject()
export default class CreateStockLocation {
  async handle(input: LocationInput, actor: Actor) {
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
}
