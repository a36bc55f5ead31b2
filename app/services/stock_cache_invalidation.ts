import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { InventoryPort } from '#plugin_host/extension_points/inventory'
import { invalidateProducts } from '#services/catalog_cache'

/** Drops the cached pages of the products these variants belong to. */
export async function invalidateVariants(variantIds: number[]) {
  if (!variantIds.length) return
  const rows: Array<{ product_id: number }> = await db.from('variants').whereIn('id', variantIds).distinct('product_id')
  await invalidateProducts(rows.map((row) => Number(row.product_id)))
}

/**
 * Wraps the active inventory driver so every stock adjustment drops the
 * affected product pages, whichever plugin provides the driver. Inside a
 * transaction, the products are looked up through that transaction and
 * invalidated once, after the commit (a rolled-back adjustment changes
 * nothing, and a page rendered before the commit cannot be cached after the
 * invalidation). The after-commit step touches only the cache: on SQLite a
 * query there could wait forever for the one connection, since a savepoint's
 * "commit" fires while the outer transaction still holds it. Everything else
 * is the driver's own member.
 */
export function invalidatingCatalogCache(port: InventoryPort): InventoryPort {
  const pending = new WeakMap<TransactionClientContract, Set<number>>()

  async function adjust(...[adjustment, trx]: Parameters<InventoryPort['adjust']>) {
    const result = await port.adjust(adjustment, trx)
    if (!trx) {
      await invalidateVariants([adjustment.variantId])
      return result
    }
    const variant = await trx.from('variants').where('id', adjustment.variantId).select('product_id').first()
    if (!variant) return result
    let products = pending.get(trx)
    if (!products) {
      const collected = new Set<number>()
      products = collected
      pending.set(trx, collected)
      trx.after('commit', () => invalidateProducts([...collected]))
    }
    products.add(Number(variant.product_id))
    return result
  }

  return new Proxy(port, {
    get(target, property, receiver) {
      if (property === 'adjust') return adjust
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
