import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { dbTimestamp } from '#services/db_time'

/**
 * Saves the list's filters (a normalised query string) under a name for
 * one staff member; saving a name again replaces its filters.
 */
@inject()
export default class SaveOrderView {
  async handle(staffUserId: number, name: string, query: string, actor: Actor) {
    return db.transaction(async (trx) => {
      const existing = await trx.from('saved_order_views').where('staff_user_id', staffUserId).where('name', name).first()
      if (existing) {
        await trx.from('saved_order_views').where('id', existing.id).update({ query })
      } else {
        await trx.table('saved_order_views').insert({ staff_user_id: staffUserId, name, query, created_at: dbTimestamp(trx) })
      }
      await recordAudit(
        { actor, action: 'order_view.save', subjectType: 'saved_order_view', subjectId: existing?.id ?? name, changes: { name: [existing?.name ?? null, name], query: [existing?.query ?? null, query] } },
        trx
      )
    })
  }
}
