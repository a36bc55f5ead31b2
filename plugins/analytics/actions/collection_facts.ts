import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { CollectionRule } from '#models/collection'
import { applyCollectionRules } from '#queries/collection_rules'
import { addExcluded } from './rollup_columns.js'

export interface ProductSale {
  productId: number
  units: number
  revenue: number
}

/**
 * The collections each product belongs to now: manual ones by their
 * product list, smart ones by the catalog's own rule matcher (one query per
 * smart collection for the whole batch).
 */
export async function collectionsOf(client: QueryClientContract, productIds: number[]) {
  const ids = [...new Set(productIds.filter(Boolean))]
  const memberships = new Map<number, Array<{ id: number; title: string }>>()
  if (!ids.length) return memberships
  const add = (productId: number, collection: { id: number; title: string }) => {
    memberships.set(productId, [...(memberships.get(productId) ?? []), collection])
  }
  const manual = await client
    .from('collection_products as cp')
    .join('collections as c', 'c.id', 'cp.collection_id')
    .where('c.kind', 'manual')
    .whereIn('cp.product_id', ids)
    .select('cp.product_id', 'c.id', 'c.title')
  for (const row of manual) add(Number(row.product_id), { id: Number(row.id), title: String(row.title) })
  const smart = await client.from('collections').where('kind', 'smart').select('id', 'title', 'rules')
  for (const collection of smart) {
    const rules = (typeof collection.rules === 'string' ? JSON.parse(collection.rules) : collection.rules) as CollectionRule[] | null
    if (!rules?.length) continue
    const members = await applyCollectionRules(client.from('products').whereIn('products.id', ids), rules).select('products.id')
    for (const member of members) add(Number(member.id), { id: Number(collection.id), title: String(collection.title) })
  }
  return memberships
}

/** Adds sales of products to the collections they belong to, for one day and currency (or many, keyed). */
export async function addToDailyCollections(
  trx: TransactionClientContract,
  rows: Array<{ day: string; currency: string } & ProductSale>
) {
  const memberships = await collectionsOf(trx, rows.map((row) => row.productId))
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
