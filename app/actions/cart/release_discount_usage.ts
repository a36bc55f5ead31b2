import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { affectedRows, dbTimestamp } from '#services/db_time'

/**
 * Gives back the discount uses of a cancelled order: marks each usage
 * released and decrements the counters, each only when this call is the one
 * that released it (a conditional UPDATE), so calling it twice, or from two
 * processes at once, gives back exactly once.
 */
export async function releaseDiscountUsage(orderId: number, trx: TransactionClientContract): Promise<number> {
  const usages = await trx.from('discount_usages').where('order_id', orderId).whereNull('released_at')
  const now = dbTimestamp(trx)
  let released = 0
  for (const usage of usages) {
    const marked = await trx
      .from('discount_usages')
      .where('id', usage.id)
      .whereNull('released_at')
      .update({ released_at: now })
    if (affectedRows(marked) !== 1) continue
    released += 1
    await trx
      .from('discounts')
      .where('id', usage.discount_id)
      .where('usage_count', '>', 0)
      .update({ usage_count: trx.knexRawQuery('usage_count - 1'), updated_at: now })
    if (usage.customer_key) {
      await trx
        .from('discount_customer_usages')
        .where({ discount_id: usage.discount_id, customer_key: usage.customer_key })
        .where('usage_count', '>', 0)
        .update({ usage_count: trx.knexRawQuery('usage_count - 1'), updated_at: now })
    }
  }
  return released
}

export default releaseDiscountUsage
