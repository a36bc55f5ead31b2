import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DemoProduct } from '#database/seeders/demo/generated_catalog'
import { dbTimestamp } from '#services/db_time'

/** Manual collections for the biggest product types among active products, members by title. */
export async function writeTypeCollections(
  trx: TransactionClientContract,
  products: DemoProduct[],
  productIds: Map<string, number>,
  limit: number
) {
  const now = dbTimestamp(trx)
  const byType = new Map<string, DemoProduct[]>()
  for (const product of products) {
    if (product.status !== 'active' || !product.productType) continue
    byType.set(product.productType, [...(byType.get(product.productType) ?? []), product])
  }
  const chosen = [...byType.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, limit)

  let created = 0
  for (const [type, members] of chosen) {
    const handle = type.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
    // A collection staff already made under this handle is theirs: leave it be.
    if (await trx.from('collections').where('handle', handle).first()) continue
    created += 1
    await trx.table('collections').insert({
      handle,
      title: type,
      description_html: `<p>All our ${type.toLowerCase()}, in one place.</p>`,
      kind: 'manual',
      sort_order: 'manual',
      published: true,
      created_at: now,
      updated_at: now,
    })
    const collection = await trx.from('collections').where('handle', handle).firstOrFail()
    const sorted = [...members].sort((a, b) => a.title.localeCompare(b.title))
    const rows = sorted.map((product, index) => ({
      collection_id: collection.id,
      product_id: productIds.get(product.handle),
      position: index + 1,
      created_at: now,
    }))
    for (let start = 0; start < rows.length; start += 500) {
      await trx.table('collection_products').multiInsert(rows.slice(start, start + 500))
    }
  }
  return created
}
