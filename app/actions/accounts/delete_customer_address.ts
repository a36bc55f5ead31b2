import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#services/db_time'

/**
 * Deletes one of the customer's addresses (none of anyone else's). A
 * default that goes away passes to their most recent remaining address.
 */
export default class DeleteCustomerAddress {
  async handle(customerId: number, addressId: number): Promise<boolean> {
    return db.transaction(async (trx) => {
      const own = await trx.from('addresses').where('id', addressId).where('customer_id', customerId).first()
      if (!own) return false
      await trx.from('addresses').where('id', addressId).delete()
      const now = dbTimestamp(trx)
      for (const column of ['is_default_shipping', 'is_default_billing'] as const) {
        if (!own[column]) continue
        const next = await trx.from('addresses').where('customer_id', customerId).orderBy('updated_at', 'desc').orderBy('id', 'desc').first()
        if (next) await trx.from('addresses').where('id', next.id).update({ [column]: true, updated_at: now })
      }
      return true
    })
  }
}
