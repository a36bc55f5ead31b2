import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { StockChangeRefused, lockedLocation } from '../stock/stock_locks.js'

/**
 * Switches a location off (or back on). The default location and one still
 * holding stock stay active: its units would vanish from sellable stock
 * without a ledger row, so staff transfer them out first. False when there
 * is no such location.
 */
@inject()
export default class SetStockLocationActive {
  async handle(id: number, active: boolean, actor: Actor) {
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
}
