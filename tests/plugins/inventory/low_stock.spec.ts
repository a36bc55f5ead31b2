import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { DatabaseInventory } from '#plugins/inventory/drivers/database_inventory'
import { createOrder, inAnHour, stockedVariants } from './support.js'

/** StockLow events recorded for one variant, oldest first. */
async function stockLowEvents(variantId: number) {
  const rows = await db.from('outbox_events').where('name', 'StockLow').orderBy('id')
  return rows
    .map((row) => (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload))
    .filter((payload) => payload.variantId === variantId)
}

async function sell(inventory: DatabaseInventory, variantId: number, quantity: number) {
  const orderId = await createOrder()
  await db.transaction(async (trx) => {
    await inventory.reserve([{ variantId, quantity }], { orderId, expiresAt: inAnHour(), trx })
    await inventory.commit(orderId, trx)
  })
  return orderId
}

test.group('Inventory | low stock', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a sale crossing the threshold raises StockLow once; restocking re-arms it', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [10])
    const variantId = ids[0]
    await db.from('inventory_levels').where('variant_id', variantId).update({ low_stock_threshold: 3 })

    await sell(inventory, variantId, 5)
    assert.lengthOf(await stockLowEvents(variantId), 0, 'still above the threshold')

    await sell(inventory, variantId, 2)
    assert.deepEqual(await stockLowEvents(variantId), [{ variantId, available: 3, threshold: 3 }])

    await sell(inventory, variantId, 1)
    assert.lengthOf(await stockLowEvents(variantId), 1, 'no second alert for a sale below the threshold')

    await inventory.adjust({ variantId, delta: 10, reason: 'received' })
    await sell(inventory, variantId, 9)
    assert.deepEqual((await stockLowEvents(variantId)).at(-1), { variantId, available: 3, threshold: 3 })
    assert.lengthOf(await stockLowEvents(variantId), 2)
  })

  test('reserving alone does not alert; an adjustment crossing down does', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [6])
    const variantId = ids[0]
    await db.from('inventory_levels').where('variant_id', variantId).update({ low_stock_threshold: 2 })

    const orderId = await createOrder()
    await db.transaction((trx) =>
      inventory.reserve([{ variantId, quantity: 5 }], { orderId, expiresAt: inAnHour(), trx })
    )
    assert.lengthOf(await stockLowEvents(variantId), 0)
    await db.transaction((trx) => inventory.release(orderId, 'expired', trx))

    await inventory.adjust({ variantId, delta: -4, reason: 'damaged' })
    assert.deepEqual(await stockLowEvents(variantId), [{ variantId, available: 2, threshold: 2 }])
    await inventory.adjust({ variantId, delta: -1, reason: 'damaged' })
    assert.lengthOf(await stockLowEvents(variantId), 1)
  })

  test('the plugin setting is the threshold of variants without their own; none means no alerts', async ({ assert }) => {
    const silent = new DatabaseInventory()
    const { ids: quiet } = await stockedVariants(silent, [3])
    await silent.adjust({ variantId: quiet[0], delta: -3, reason: 'count' })
    assert.lengthOf(await stockLowEvents(quiet[0]), 0)

    const inventory = new DatabaseInventory({ lowStockThreshold: 4 })
    const { ids } = await stockedVariants(inventory, [8])
    await sell(inventory, ids[0], 4)
    assert.deepEqual(await stockLowEvents(ids[0]), [{ variantId: ids[0], available: 4, threshold: 4 }])
  })
})
