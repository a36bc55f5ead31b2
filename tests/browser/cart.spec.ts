import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { browserSessions, htmxReady } from '#tests/helpers/browser'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

test.group('Storefront | cart in the browser', (group) => {
  const session = browserSessions(group)

  test('adding on the product page updates the mini-cart in place; the cart page changes quantities with htmx', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1, (variant) => variant.merge({ price: 1250 })).create()
    await inventoryPort.adjust({ variantId: product.variants[0].id, delta: 10, reason: 'received' })
    const { page, consoleErrors, cspViolations } = session()

    await page.goto(`/products/${product.handle}`)
    await htmxReady(page)
    await page.locator('#mini-cart').waitFor()
    await page.fill('#add-to-cart-quantity', '2')
    await page.click('.add-to-cart button[type=submit]')
    await page.locator('#add-to-cart-status', { hasText: `Added 2 × ${product.title}` }).waitFor({ timeout: 5000 })
    await page.locator('#mini-cart', { hasText: 'Cart, 2 items' }).waitFor({ timeout: 5000 })
    assert.include(await page.locator('#mini-cart').innerText(), '$25.00')
    assert.equal(new URL(page.url()).pathname, `/products/${product.handle}`)

    await page.goto('/cart')
    await htmxReady(page)
    const quantity = page.locator(`#quantity-${product.variants[0].id}`)
    await quantity.fill('3')
    await quantity.press('Enter')
    await page.locator('#cart', { hasText: 'Quantity updated.' }).waitFor({ timeout: 5000 })
    await page.locator('#mini-cart', { hasText: 'Cart, 3 items' }).waitFor({ timeout: 5000 })
    assert.include(await page.locator('[data-total="total"]').innerText(), '$37.50')
    assert.equal(new URL(page.url()).pathname, '/cart')
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })
})
