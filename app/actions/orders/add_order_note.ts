import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import OrderEvent from '#models/order_event'
import { recordAudit } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'

/**
 * An internal note on an order: a `note` entry on its timeline (never shown
 * to the customer) and an audit row, written together.
 */
@inject()
export default class AddOrderNote {
  async handle(orderId: number, body: string, actor: Actor) {
    return db.transaction(async (trx) => {
      const event = await OrderEvent.create(
        { orderId, type: 'note', data: { body }, actor: actorLabel(actor) },
        { client: trx }
      )
      await recordAudit(
        { actor, action: 'order.note', subjectType: 'order', subjectId: orderId, changes: { note: [null, body] } },
        trx
      )
      return event
    })
  }
}
