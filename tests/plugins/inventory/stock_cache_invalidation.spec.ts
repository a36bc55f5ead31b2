import { setTimeout as sleep } from 'node:timers/promises'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import cache from '@adonisjs/cache/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DatabaseInventory } from '#plugins/inventory/drivers/database_inventory'
import { invalidatingCatalogCache } from '#catalog/stock_cache_invalidation'
import { productTag } from '#catalog/catalog_cache'
import { dbTimestamp } from '#services/db_time'
import { createOrder, inAnHour, stockedVariants } from './support.js'

/** An order with one line of the variant (commit and release find the products through its lines). */
async function orderOf(productId: number, variantId: number) {
  const orderId = await createOrder()
  const now = dbTimestamp()
  await db.table('order_lines').insert({
    order_id: orderId,
    variant_id: variantId,
    product_id: productId,
    title: 'Test line',
    quantity: 1,
    unit_price: 1000,
    total: 1000,
    created_at: now,
    updated_at: now,
  })
  return orderId
}

/** Puts a fake cached product page in the cache and answers whether it is still there. */
async function cachedPage(productId: number) {
  const key = `test:product-page:${productId}`
  // Tag invalidation is by timestamp: an entry written in the same millisecond as the last drop counts as dropped.
  await sleep(5)
  await cache.set({ key, value: 'page', tags: [productTag(productId)] })
  return async () => (await cache.get({ key })) !== undefined
}

test.group('Inventory | catalog cache after reserve, commit, release', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('drops the product pages once the transaction commits, not before, and not on rollback', async ({ assert }) => {
    const driver = new DatabaseInventory()
    const inventory = invalidatingCatalogCache(driver)
    const { product, ids } = await stockedVariants(driver, [5])
    const line = [{ variantId: ids[0], quantity: 1 }]
    const paid = await orderOf(product.id, ids[0])
    const cancelled = await orderOf(product.id, ids[0])

    // Rolled back: the page stays.
    let stillCached = await cachedPage(product.id)
    const rolledBack = await db.transaction()
    await inventory.reserve(line, { orderId: paid, expiresAt: inAnHour(), trx: rolledBack })
    await rolledBack.rollback()
    assert.isTrue(await stillCached())

    const steps: Array<[string, (trx: TransactionClientContract) => Promise<void>]> = [
      ['reserve', (trx) => inventory.reserve(line, { orderId: paid, expiresAt: inAnHour(), trx })],
      ['commit', (trx) => inventory.commit(paid, trx)],
      ['reserve again', (trx) => inventory.reserve(line, { orderId: cancelled, expiresAt: inAnHour(), trx })],
      ['release', (trx) => inventory.release(cancelled, 'cancelled', trx)],
    ]
    for (const [name, step] of steps) {
      stillCached = await cachedPage(product.id)
      const trx = await db.transaction()
      await step(trx)
      assert.isTrue(await stillCached(), `${name}: not before the commit`)
      await trx.commit()
      assert.isFalse(await stillCached(), `${name}: after the commit`)
    }
  })
})
