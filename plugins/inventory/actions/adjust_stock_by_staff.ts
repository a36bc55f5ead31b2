import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { recordAudit } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'
import type { AdjustmentInput } from '../validators/admin.js'
import { StockChangeRefused, ensureLevels, findLocation } from '../stock/stock_locks.js'

/** The signed change an adjustment makes, from what is on hand now; refuses inputs that make no sense for the reason. */
function deltaFor(input: AdjustmentInput, onHand: number, reserved: number) {
  switch (input.reason) {
    case 'count':
      if (input.quantity < 0) throw new StockChangeRefused('quantity', 'A count is the number of units found: 0 or more.')
      if (input.quantity < reserved) {
        throw new StockChangeRefused('quantity', `${reserved} units are reserved for unpaid orders here: the count cannot be lower.`)
      }
      return input.quantity - onHand
    case 'received':
      if (input.quantity <= 0) throw new StockChangeRefused('quantity', 'Enter how many units arrived (more than 0).')
      return input.quantity
    case 'damaged':
      if (input.quantity <= 0) throw new StockChangeRefused('quantity', 'Enter how many units were damaged (more than 0).')
      if (onHand - input.quantity < reserved) {
        throw new StockChangeRefused('quantity', `Only ${Math.max(0, onHand - reserved)} units here are not reserved.`)
      }
      return -input.quantity
    case 'correction':
      if (input.quantity === 0) throw new StockChangeRefused('quantity', 'A correction changes stock: enter a positive or negative number.')
      if (onHand + input.quantity < reserved) {
        throw new StockChangeRefused('quantity', `Stock here cannot go below the ${reserved} reserved units.`)
      }
      return input.quantity
  }
}

/**
 * Admin › Inventory › Adjust: one change of one variant's stock at one
 * location, through the inventory port (one ledger row, actor `staff:<id>`,
 * the note as reference) and audited with on-hand before and after, in one
 * transaction. The level is locked before it is read (PostgreSQL; SQLite
 * has one writer), so a count sets exactly the number counted even while
 * orders sell from it.
 */
@inject()
export default class AdjustStockByStaff {
  constructor(private inventory: InventoryPort) {}

  async handle(variantId: number, input: AdjustmentInput, actor: Actor) {
    const inventory = this.inventory
    return db.transaction(async (trx) => {
      const location = await findLocation(trx, input.locationId, 'locationId', { receiving: input.reason !== 'damaged' })
      await ensureLevels(trx, variantId, [location.id])
      const level = (await inventory.levels([variantId], trx)).find((row) => row.locationId === location.id)!
      const delta = deltaFor(input, level.onHand, level.reserved)
      const { onHand } = await inventory.adjust(
        { variantId, locationId: location.id, delta, reason: input.reason, actor: actorLabel(actor), reference: input.note },
        trx
      )
      await recordAudit(
        {
          actor,
          action: 'inventory.adjusted',
          subjectType: 'variant',
          subjectId: variantId,
          changes: { on_hand: [level.onHand, onHand], location: location.code, reason: input.reason, note: input.note ?? null },
        },
        trx
      )
      return { location, before: level.onHand, after: onHand, delta }
    })
  }
}
