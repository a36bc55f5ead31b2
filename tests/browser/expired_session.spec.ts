import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { ProductFactory } from '#database/factories/product_factory'
import { browserSessions, htmxReady } from '#tests/helpers/browser'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { EXPIRED_FORM_MESSAGE } from '#exceptions/handler'

const inventoryPort = await app.container.make(InventoryPort)

test.group('Storefront | an htmx form after the session expired', (group) => {
  const session = browserSessions(group)

  test('the cart reloads with the reason and the typed quantity, and the retry goes through', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1, (variant) => variant.merge({ price: 1250 })).create()
    const variantId = product.variants[0].id
    await inventoryPort.adjust({ variantId, delta: 10, reason: 'received' })
    const { page, context } = session()

    await page.goto(`/products/${product.handle}`)
    await htmxReady(page)
    await page.click('.add-to-cart button[type=submit]')
    await page.locator('#mini-cart', { hasText: 'Cart, 1 item' }).waitFor({ timeout: 5000 })
    await page.goto('/cart')
    await htmxReady(page)

    // Two idle hours later: the session cookie is gone, the cart cookie stays.
    const cookies = await context.cookies()
    await context.clearCookies()
    await context.addCookies(cookies.filter((cookie) => cookie.name !== 'stockroom-session'))

    const quantity = page.locator(`#quantity-${variantId}`)
    await quantity.fill('3')
    await Promise.all([page.waitForEvent('load'), quantity.press('Enter')])
    await page.locator('.flash-area', { hasText: EXPIRED_FORM_MESSAGE }).waitFor({ timeout: 5000 })
    assert.equal(await page.locator(`#quantity-${variantId}`).inputValue(), '3')
    assert.deepEqual((await db.from('cart_lines').where('variant_id', variantId)).map((line) => line.quantity), [1])

    await htmxReady(page)
    await page.locator(`#quantity-${variantId}`).press('Enter')
    await page.locator('#cart', { hasText: 'Quantity updated.' }).waitFor({ timeout: 5000 })
    assert.deepEqual((await db.from('cart_lines').where('variant_id', variantId)).map((line) => line.quantity), [3])
  })
})
