import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * The next human order number (#1001, #1002…), inside the order's
 * transaction. PostgreSQL draws from a sequence, which never makes a
 * concurrent checkout wait; SQLite bumps a counter row, atomic because
 * SQLite has one writer at a time (see migration 0044). A rolled-back
 * checkout may leave a gap on PostgreSQL; numbers stay unique.
 */
export async function allocateOrderNumber(trx: TransactionClientContract): Promise<number> {
  if (trx.dialect.name === 'postgres') {
    const result = await trx.rawQuery("SELECT nextval('order_number_seq') AS number")
    return Number(result.rows[0].number)
  }
  await trx.from('order_number_counter').where('id', 1).increment('last_number', 1)
  const row = await trx.from('order_number_counter').where('id', 1).select('last_number').firstOrFail()
  return Number(row.last_number)
}
