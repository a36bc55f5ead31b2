import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'

/** Adds an internal note to a customer, audited; null for an unknown customer. */
@inject()
export default class AddCustomerNote {
  async handle(customerId: number, body: string, actor: Actor) {
    return db.transaction(async (trx) => {
      if (!(await trx.from('customers').where('id', customerId).select('id').first())) return null
      const now = dbTimestamp(trx)
      const [row] = await trx
        .table('customer_notes')
        .insert({ customer_id: customerId, staff_user_id: actor.type === 'staff' ? (actor.id ?? null) : null, body, created_at: now, updated_at: now })
        .returning('id')
      const noteId = Number(typeof row === 'object' ? row.id : row)
      await recordAudit(
        { actor, action: 'customer.note_added', subjectType: 'customer', subjectId: customerId, changes: { note: [null, body], note_id: noteId } },
        trx
      )
      return noteId
    })
  }
}
