import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { browserSessions } from '#tests/helpers/browser'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

test.group('Admin | inventory in the browser', (group) => {
  const session = browserSessions(group, { before: clearRateLimits, timeoutMs: 10_000 })

  test('search narrows the table in place, a count adjustment shows in the history', async ({ assert }) => {
    const { page, consoleErrors, cspViolations } = session()
    const suffix = uniqueSuffix().toUpperCase()
    const product = await ProductFactory.merge({ title: `Kettle ${suffix}` })
      .with('variants', 1, (variants) => variants.merge({ sku: `KTL-${suffix}` }))
      .create()
    const variantId = product.variants[0].id
    await inventoryPort.adjust({ variantId, delta: 8, reason: 'received' })
    await signInInBrowser(page, 'fulfillment')

    await page.getByRole('link', { name: 'Inventory', exact: true }).click()
    await page.waitForURL('**/admin/inventory')
    // typing filters through htmx: the URL follows, the page is not reloaded
    await page.evaluate(() => ((globalThis as any).__notReloaded = true))
    await page.getByLabel('Search').fill(`KTL-${suffix}`)
    await page.waitForURL((url) => url.searchParams.get('q') === `KTL-${suffix}`)
    await page.locator(`[id^="level-${variantId}-"]`).waitFor()
    assert.isTrue(await page.evaluate(() => (globalThis as any).__notReloaded === true))
    assert.equal(await page.locator('#levels-table tbody tr').count(), 1)

    await page.getByRole('link', { name: product.variants[0].title }).click()
    await page.waitForURL(`**/admin/inventory/variants/${variantId}`)
    await page.getByLabel('Reason').selectOption('count')
    await page.getByLabel('Quantity').fill('5')
    await page.getByRole('button', { name: 'Save adjustment' }).click()
    await page.locator('.flash-area', { hasText: 'Stock at Main warehouse: 8 → 5' }).waitFor()
    assert.equal((await page.locator('[data-history] tbody tr').first().locator('[data-reason]').textContent())?.trim(), 'Stock count')
    assert.equal((await page.locator('[data-history] tbody tr').first().locator('[data-after]').textContent())?.trim(), '5')
    assert.deepEqual(consoleErrors, [])
    assert.deepEqual(cspViolations, [])
  })
})
