import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { recordAudit } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'
import type { TransferInput } from '../validators/admin.js'
import { StockChangeRefused, ensureLevels, findLocation } from '../stock/stock_locks.js'

/**
 * Admin › Inventory › Transfer: moves units of one variant between two
 * locations in one transaction, two ledger rows (reason `transfer`) through
 * the inventory port, one audit entry. Both levels are locked first, in
 * location-id order, so two transfers crossing each other neither
 * deadlock nor take the same units twice: the second one sees what the first
 * left and is refused when it is not enough. Reserved units never move.
 */
@inject()
export default class TransferStock {
  constructor(private inventory: InventoryPort) {}

  async handle(variantId: number, input: TransferInput, actor: Actor) {
    const inventory = this.inventory
    if (input.fromLocationId === input.toLocationId) {
      throw new StockChangeRefused('toLocationId', 'Choose two different locations.')
    }
    return db.transaction(async (trx) => {
      const from = await findLocation(trx, input.fromLocationId, 'fromLocationId', { receiving: false })
      const to = await findLocation(trx, input.toLocationId, 'toLocationId', { receiving: true })
      await ensureLevels(trx, variantId, [from.id, to.id])
      const levels = await inventory.levels([variantId], trx)
      const source = levels.find((row) => row.locationId === from.id)!
      const target = levels.find((row) => row.locationId === to.id)!
      const movable = source.onHand - source.reserved
      if (movable < input.quantity) {
        throw new StockChangeRefused('quantity', `Only ${Math.max(0, movable)} unreserved units are at ${from.name}.`)
      }
      const reference = `transfer ${from.code} -> ${to.code}${input.note ? `: ${input.note}` : ''}`.slice(0, 255)
      const ledgerActor = actorLabel(actor)
      const out = await inventory.adjust({ variantId, locationId: from.id, delta: -input.quantity, reason: 'transfer', actor: ledgerActor, reference }, trx)
      const into = await inventory.adjust({ variantId, locationId: to.id, delta: input.quantity, reason: 'transfer', actor: ledgerActor, reference }, trx)
      await recordAudit(
        {
          actor,
          action: 'inventory.transferred',
          subjectType: 'variant',
          subjectId: variantId,
          changes: {
            [`on_hand.${from.code}`]: [source.onHand, out.onHand],
            [`on_hand.${to.code}`]: [target.onHand, into.onHand],
            quantity: input.quantity,
            note: input.note ?? null,
          },
        },
        trx
      )
      return { from, to, quantity: input.quantity }
    })
  }
}
