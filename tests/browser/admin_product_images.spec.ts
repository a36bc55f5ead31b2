import { test } from '@japa/runner'
import ProductImage from '#models/product_image'
import { ProductFactory } from '#database/factories/product_factory'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { browserSessions } from '#tests/helpers/browser'
import { jpegImage, pngImage } from '#tests/helpers/images'
import { clearRateLimits } from '#tests/helpers/rate_limits'

test.group('Admin | product images in the browser', (group) => {
  const session = browserSessions(group, { before: clearRateLimits, timeoutMs: 15_000 })

  test('htmx uploads, reorders, describes and deletes images in place; the shop shows WebP', async ({ assert }) => {
    const { page, consoleErrors, cspViolations } = session()
    const product = await ProductFactory.with('variants').create()
    await signInInBrowser(page, 'catalog_manager')

    await page.goto(`/admin/products/${product.id}/edit`)
    // survives only if the page is not reloaded: htmx swaps the panel
    await page.evaluate(() => ((globalThis as any).stillHere = true))
    await page.getByLabel('Add images').setInputFiles([
      { name: 'front.jpg', mimeType: 'image/jpeg', buffer: await jpegImage(1200, 900) },
      { name: 'side.png', mimeType: 'image/png', buffer: await pngImage(600, 600) },
    ])
    await page.getByRole('button', { name: 'Upload' }).click()
    await page.locator('#images').getByText('2 images added').waitFor()
    assert.isTrue(await page.evaluate(() => (globalThis as any).stillHere === true))
    const [front, side] = await ProductImage.query().where('product_id', product.id).orderBy('position')

    await page.getByRole('button', { name: 'Move down (image 1)' }).click()
    await page.locator('#images').getByText('Image order saved').waitFor()
    await side.refresh()
    assert.equal(side.position, 1)

    await page.locator(`#image-${front.id}-alt`).fill('Front of the mug')
    await page.locator(`#image-${front.id}`).getByRole('button', { name: 'Save image' }).click()
    await page.locator('#images').getByText('Image saved').waitFor()
    await front.refresh()
    assert.equal(front.alt, 'Front of the mug')

    page.once('dialog', (dialog) => dialog.accept())
    await page.getByRole('button', { name: 'Delete image 1' }).click()
    await page.locator('#images').getByText('Image deleted').waitFor()
    assert.isNull(await ProductImage.find(side.id))
    assert.isTrue(await page.evaluate(() => (globalThis as any).stillHere === true))

    await page.goto(`/products/${product.handle}`)
    const main = page.locator('.product-media img')
    await main.evaluate((img: any) => img.decode())
    const loaded = await main.evaluate((img: any) => ({ src: img.currentSrc, width: img.naturalWidth, alt: img.alt }))
    // WebP, or AVIF once the queue's worker has made those copies (the <source> comes first then)
    assert.match(loaded.src, /\/media\/products\/\d+\/[0-9a-f]+\/w\d+\.(webp|avif)$/)
    assert.isAbove(loaded.width, 0)
    assert.equal(loaded.alt, 'Front of the mug')

    assert.deepEqual(consoleErrors, [])
    assert.deepEqual(cspViolations, [])
  }).timeout(60_000)
})
