import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { DatabaseInventory } from '#plugins/inventory/drivers/database_inventory'
import { ProductFactory } from '#database/factories/product_factory'

test.group('Inventory | in-stock subquery', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('selects variants with sellable stock only: not empty, not fully reserved', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 4).create()
    const [stocked, emptied, reserved, never] = product.variants
    const inventory = new DatabaseInventory()
    await inventory.adjust({ variantId: stocked.id, delta: 3, reason: 'received' })
    await inventory.adjust({ variantId: emptied.id, delta: 2, reason: 'received' })
    await inventory.adjust({ variantId: emptied.id, delta: -2, reason: 'damaged' })
    await inventory.adjust({ variantId: reserved.id, delta: 1, reason: 'received' })
    await db.from('inventory_levels').where('variant_id', reserved.id).update({ reserved: 1 })

    const ids = product.variants.map((variant) => variant.id)
    const rows = await db.from('variants').select('id').whereIn('id', ids).whereIn('id', inventory.inStockSubquery())
    assert.deepEqual(rows.map((row) => Number(row.id)), [stocked.id])
    assert.notInclude(rows.map((row) => Number(row.id)), never.id)
  })
})
