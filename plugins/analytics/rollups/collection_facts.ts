import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { OrdersReadPort } from '#plugin_host/extension_points/orders'
import { addExcluded } from './rollup_columns.js'

export interface ProductSale {
  productId: number
  units: number
  revenue: number
}

/**
 * Adds sales of products to the collections they belong to now (as the
 * host's OrdersReadPort answers), for one day and currency (or many, keyed).
 */
export async function addToDailyCollections(
  trx: TransactionClientContract,
  orders: OrdersReadPort,
  rows: Array<{ day: string; currency: string } & ProductSale>
) {
  const memberships = await orders.collectionsOf(rows.map((row) => row.productId), trx)
  const totals = new Map<string, { day: string; currency: string; collection_id: number; title: string; units: number; revenue: number }>()
  for (const row of rows) {
    for (const collection of memberships.get(row.productId) ?? []) {
      const key = `${row.day}|${row.currency}|${collection.id}`
      const entry = totals.get(key) ?? { day: row.day, currency: row.currency, collection_id: collection.id, title: collection.title, units: 0, revenue: 0 }
      entry.units += row.units
      entry.revenue += row.revenue
      totals.set(key, entry)
    }
  }
  const values = [...totals.values()]
  for (let index = 0; index < values.length; index += 300) {
    await trx
      .table('analytics_daily_collections')
      .multiInsert(values.slice(index, index + 300))
      .knexQuery.onConflict(['day', 'currency', 'collection_id'])
      .merge({ ...addExcluded('analytics_daily_collections', ['units', 'revenue']), title: trx.knexRawQuery('excluded.title') })
  }
}
