import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { lockedLocation } from '../stock/stock_locks.js'

/** Renames a location; its code stays, since stock files and the CLI refer to it. False when there is no such location. */
@inject()
export default class RenameStockLocation {
  async handle(id: number, name: string, actor: Actor) {
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
}
