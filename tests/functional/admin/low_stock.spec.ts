import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { signedInStaff } from '#tests/helpers/staff_session'
import { dbTimestamp } from '#services/db_time'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/** A variant with stock and its own low-stock threshold. */
async function variantWithThreshold(stock: number, threshold: number) {
  const product = await ProductFactory.with('variants', 1).create()
  const variant = product.variants[0]
  await inventoryPort.adjust({ variantId: variant.id, delta: stock, reason: 'received' })
  await db.from('inventory_levels').where('variant_id', variant.id).update({ low_stock_threshold: threshold, updated_at: dbTimestamp() })
  return { product, variant }
}

test.group('Admin | low stock', () => {
  test('a sale below the threshold lists the variant with its stock, and the sidebar counts it', async ({ assert }) => {
    const { product, variant } = await variantWithThreshold(6, 3)
    const { agent } = await signedInStaff('fulfillment')
    const before = await agent.get('/admin/inventory/low-stock')
    assert.equal(before.status, 200)
    assert.notInclude(before.text, product.title)

    await inventoryPort.adjust({ variantId: variant.id, delta: -4, reason: 'damaged' })
    const after = await agent.get('/admin/inventory/low-stock')
    assert.include(after.text, product.title)
    assert.match(after.text, new RegExp(`${product.title}</a></td>\\s*<td data-label="Variant">${variant.title}</td>[\\s\\S]*?<td data-label="Available" class="numeric">\\s*2\\s*</td>\\s*<td data-label="Threshold" class="numeric">3</td>`))
    const count = Number((await db.from('low_stock_alerts').count('* as total').first()).total)
    assert.match(after.text, new RegExp(`Low stock <span class="badge badge--danger nav-badge">${count}</span>`))

    // restocked above the threshold: off the list
    await inventoryPort.adjust({ variantId: variant.id, delta: 10, reason: 'received' })
    assert.notInclude((await agent.get('/admin/inventory/low-stock')).text, product.title)
  })

  test('staff without inventory.read neither see the entry nor open the page', async ({ assert }) => {
    const { agent } = await signedInStaff('support')
    const page = await agent.get('/admin/inventory/low-stock')
    assert.equal(page.status, 403)
    assert.notInclude((await agent.get('/admin')).text, '/admin/inventory/low-stock')
  })
})
