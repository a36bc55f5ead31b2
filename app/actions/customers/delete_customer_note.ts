import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'

/** Deletes one of a customer's notes; the audit entry keeps its text. False when there is no such note. */
@inject()
export default class DeleteCustomerNote {
  async handle(customerId: number, noteId: number, actor: Actor) {
    return db.transaction(async (trx) => {
      const note = await trx.from('customer_notes').where({ id: noteId, customer_id: customerId }).first()
      if (!note) return false
      await trx.from('customer_notes').where('id', noteId).delete()
      await recordAudit(
        { actor, action: 'customer.note_deleted', subjectType: 'customer', subjectId: customerId, changes: { note: [note.body, null], note_id: noteId } },
        trx
      )
      return true
    })
  }
}
