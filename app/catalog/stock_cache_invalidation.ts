import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { InventoryPort } from '#plugin_host/extension_points/inventory'
import { invalidateProducts } from '#catalog/catalog_cache'

/** Variant ids per lookup: far below either database's cap on bound values. */
const ID_CHUNK = 500

/** The products of these variants, one query per 500 variants. */
async function productIdsOf(client: TransactionClientContract | typeof db, variantIds: number[]) {
  const ids = [...new Set(variantIds)]
  const products = new Set<number>()
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const rows: Array<{ product_id: number }> = await client
      .from('variants')
      .whereIn('id', ids.slice(start, start + ID_CHUNK))
      .distinct('product_id')
    for (const row of rows) products.add(Number(row.product_id))
  }
  return [...products]
}

/** Drops the cached pages of the products these variants belong to. */
export async function invalidateVariants(variantIds: number[]) {
  if (!variantIds.length) return
  await invalidateProducts(await productIdsOf(db, variantIds))
}

/**
 * Wraps the active inventory driver so every stock change (adjust,
 * adjustMany, reserve, commit, release) drops the affected product pages
 * (commit and release find them through the order's lines), whichever
 * plugin provides the driver. Inside a transaction, the products are looked up
 * through that transaction and invalidated once, after the commit (a
 * rolled-back change changes nothing, and a page rendered before the commit
 * cannot be cached after the invalidation). The after-commit step touches
 * only the cache: on SQLite a query there could wait forever for the one
 * connection, since a savepoint's "commit" fires while the outer transaction
 * still holds it. Everything else is the driver's own member.
 */
export function invalidatingCatalogCache(port: InventoryPort): InventoryPort {
  const pending = new WeakMap<TransactionClientContract, Set<number>>()

  /** Queues products for invalidation when `trx` commits (once per transaction). */
  function afterCommit(trx: TransactionClientContract, productIds: number[]) {
    if (!productIds.length) return
    let products = pending.get(trx)
    if (!products) {
      const collected = new Set<number>()
      products = collected
      pending.set(trx, collected)
      trx.after('commit', () => invalidateProducts([...collected]))
    }
    for (const id of productIds) products.add(id)
  }

  async function productsOf(trx: TransactionClientContract, variantIds: number[]) {
    return variantIds.length ? productIdsOf(trx, variantIds) : []
  }

  async function adjust(...[adjustment, trx]: Parameters<InventoryPort['adjust']>) {
    const result = await port.adjust(adjustment, trx)
    if (!trx) {
      await invalidateVariants([adjustment.variantId])
      return result
    }
    afterCommit(trx, await productsOf(trx, [adjustment.variantId]))
    return result
  }

  /** Like adjust, with one products lookup for the whole call (per 500 variants), not one per adjustment. */
  async function adjustMany(...[adjustments, trx]: Parameters<InventoryPort['adjustMany']>) {
    const result = await port.adjustMany(adjustments, trx)
    const variantIds = adjustments.map((adjustment) => adjustment.variantId)
    if (!trx) {
      await invalidateVariants(variantIds)
      return result
    }
    afterCommit(trx, await productsOf(trx, variantIds))
    return result
  }

  /**
   * The products an order holds, from its core `order_lines` snapshot (so
   * this works for any driver). Looked up after the driver's work, inside
   * the transaction, never in the after-commit step.
   */
  async function productsOfOrder(trx: TransactionClientContract, orderId: number) {
    const rows: Array<{ product_id: number | null }> = await trx
      .from('order_lines')
      .where('order_id', orderId)
      .whereNotNull('product_id')
      .distinct('product_id')
    return rows.map((row) => Number(row.product_id))
  }

  async function reserve(...[lines, options]: Parameters<InventoryPort['reserve']>) {
    // Looked up first: the driver's holds lock stock rows until the commit, so keep the time after them short.
    const products = await productsOf(options.trx, lines.map((line) => line.variantId))
    await port.reserve(lines, options)
    afterCommit(options.trx, products)
  }

  async function commit(...[orderId, trx]: Parameters<InventoryPort['commit']>) {
    await port.commit(orderId, trx)
    afterCommit(trx, await productsOfOrder(trx, orderId))
  }

  async function release(...[orderId, reason, trx]: Parameters<InventoryPort['release']>) {
    await port.release(orderId, reason, trx)
    afterCommit(trx, await productsOfOrder(trx, orderId))
  }

  const wrapped: Record<PropertyKey, unknown> = { adjust, adjustMany, reserve, commit, release }
  return new Proxy(port, {
    get(target, property, receiver) {
      if (Object.hasOwn(wrapped, property)) return wrapped[property]
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
