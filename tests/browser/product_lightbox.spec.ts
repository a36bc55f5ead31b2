import { test } from '@japa/runner'
import { baseUrl, browserSessions, focused, launchBrowser, htmxReady } from '#tests/helpers/browser'
import { sizeColorProduct } from '#tests/helpers/variant_product'
import { mediaUrl } from '#queries/storefront_product_query'

/*
| The product page's zoom: the main picture opens a full-screen lightbox
| (a native <dialog>) at the picture shown, steps through every picture,
| closes on Esc and gives focus back to the picture. Without JavaScript the
| picture is a link to its large copy. On a 390 × 844 phone, Add to cart is
| on the first screen.
*/

test.group('Storefront | product lightbox and first screen', (group) => {
  const session = browserSessions(group)

  test('the main picture opens the lightbox at that picture; next, previous and arrows step; Esc closes it and focus returns', async ({ assert }) => {
    const { product, images } = await sizeColorProduct()
    const { page, consoleErrors, cspViolations } = session()
    const lightbox = page.getByRole('dialog', { name: `Pictures of ${product.title}` })
    const shownId = () => lightbox.locator('.lightbox__item:not([hidden])').getAttribute('data-image-id')

    await page.goto(`/products/${product.handle}`)
    await htmxReady(page)
    assert.isFalse(await lightbox.isVisible())
    await page.getByRole('link', { name: 'Zoom in on the picture' }).click()
    await lightbox.waitFor()
    assert.equal(await shownId(), String(images.red.id))
    assert.equal(await lightbox.locator('.lightbox__count').innerText(), 'Picture 1 of 2')
    // the shown picture is the large one, loaded now that it is shown
    const shown = lightbox.locator('.lightbox__item:not([hidden]) img')
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await shown.elementHandle())
    assert.isAbove((await shown.boundingBox())!.width, 600, "it fills the screen")

    await lightbox.getByRole('button', { name: 'Next picture' }).click()
    assert.equal(await shownId(), String(images.blue.id))
    assert.equal(await lightbox.locator('.lightbox__count').innerText(), 'Picture 2 of 2')
    await page.keyboard.press('ArrowRight')
    assert.equal(await shownId(), String(images.red.id), 'it wraps round')
    await page.keyboard.press('ArrowLeft')
    assert.equal(await shownId(), String(images.blue.id))
    await lightbox.getByRole('button', { name: 'Previous picture' }).click()
    assert.equal(await shownId(), String(images.red.id))

    await page.keyboard.press('Escape')
    await lightbox.waitFor({ state: 'hidden' })
    assert.equal(await focused(page, 'aria-label'), 'Zoom in on the picture')

    // after a thumbnail took the main frame, the lightbox opens at that picture
    await page.locator('[data-gallery-thumb]').click()
    assert.equal(await page.locator('.product-media img').getAttribute('data-image-id'), String(images.blue.id))
    assert.equal(await page.locator('[data-lightbox-open]').getAttribute('href'), mediaUrl(images.blue.storageKey!))
    await page.locator('[data-lightbox-open]').click()
    await lightbox.waitFor()
    assert.equal(await shownId(), String(images.blue.id))
    await lightbox.getByRole('button', { name: 'Close' }).click()
    await lightbox.waitFor({ state: 'hidden' })
    assert.equal(await focused(page, 'aria-label'), 'Zoom in on the picture')

    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('without JavaScript the main picture is a link to its large copy', async ({ assert }) => {
    const { product, images } = await sizeColorProduct()
    const context = await (await launchBrowser()).newContext({ baseURL: baseUrl(), javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await page.goto(`/products/${product.handle}`)
      const zoom = page.getByRole('link', { name: 'Zoom in on the picture' })
      const href = (await zoom.getAttribute('href'))!
      assert.equal(href, mediaUrl(images.red.storageKey!))
      const [response] = await Promise.all([page.waitForResponse((answer) => answer.url().endsWith(href)), zoom.click()])
      assert.equal(response.status(), 200)
      assert.match(response.headers()['content-type'], /^image\//)
    } finally {
      await context.close()
    }
  })

  test('on a 390 × 844 phone, Add to cart is on the first screen', async ({ assert }) => {
    const { product } = await sizeColorProduct()
    const context = await (await launchBrowser()).newContext({
      baseURL: baseUrl(),
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    })
    try {
      const page = await context.newPage()
      await page.goto(`/products/${product.handle}`)
      await htmxReady(page)
      await page.evaluate(() => (globalThis as any).document.fonts.ready)
      const box = (await page.getByRole('button', { name: 'Add to cart' }).boundingBox())!
      assert.isAtLeast(box.y, 0)
      assert.isAtMost(box.y + box.height, 844, `Add to cart ends at ${Math.round(box.y + box.height)} px`)
    } finally {
      await context.close()
    }
  })
})
