import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'

/** Deletes one of the staff member's own views; answers false when it is not theirs (or gone). */
@inject()
export default class DeleteOrderView {
  async handle(staffUserId: number, id: number, actor: Actor) {
    return db.transaction(async (trx) => {
      const view = await trx.from('saved_order_views').where('id', id).where('staff_user_id', staffUserId).first()
      if (!view) return false
      await trx.from('saved_order_views').where('id', id).delete()
      await recordAudit({ actor, action: 'order_view.delete', subjectType: 'saved_order_view', subjectId: id, changes: { name: [view.name, null], query: [view.query, null] } }, trx)
      return true
    })
  }
}
