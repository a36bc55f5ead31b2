import { test } from '@japa/runner'
import { baseUrl, closeBrowser, launchBrowser } from '#tests/helpers/browser'
import { stockedVariants } from '#tests/helpers/checkout'
import { createPendingOrder } from '#tests/helpers/payment_orders'
import { readyImage } from '#tests/helpers/variant_product'

/*
| What a design review against Shopify Dawn asked of the product and sign-in
| pages, held in place: on a 390 × 844 phone the breadcrumb is one line (no "/"
| left alone) and Add to cart is in the first screen; at 1366 px the sign-in
| form is a narrow column in the middle; an order's step line fits one line of
| a phone.
*/

test.group('Storefront | product and sign-in layout', (group) => {
  group.teardown(() => closeBrowser())

  test('a phone sees the trail on one line and Add to cart in its first screen', async ({ assert }) => {
    const { product } = await stockedVariants([
      { price: 2400, stock: 8, title: 'Small' },
      { price: 3200, stock: 8, title: 'Large' },
    ])
    product.merge({ title: `Review ${Date.now().toString(36)} Field Jacket with a rather long name for narrow screens`, status: 'active', vendor: 'North & Pine' })
    await product.save()
    await readyImage(product.id, 1, 'The field jacket from the front')
    await readyImage(product.id, 2, 'The field jacket from the back')

    const context = await (await launchBrowser()).newContext({ baseURL: baseUrl(), viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    try {
      const page = await context.newPage()
      await page.goto(`/products/${product.handle}`)
      await page.evaluate(() => (globalThis as any).document.fonts.ready)
      const tops = await page.locator('.breadcrumbs li').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)))
      assert.lengthOf(new Set(tops), 1, 'the breadcrumb on one line')
      const button = (await page.getByRole('button', { name: 'Add to cart' }).boundingBox())!
      // the review measured it starting at ~770 px with the trail on three lines; the crawl's phone is 780 px tall
      assert.isAtMost(button.y + button.height, 780, `Add to cart ends at ${Math.round(button.y + button.height)} px`)
      // the select names its choices only; the price shows once, above
      assert.deepEqual(await page.locator('#add-to-cart-variant option').allTextContents().then((texts) => texts.map((text) => text.trim())), ['Small', 'Large'])
    } finally {
      await context.close()
    }
  }).timeout(60_000)

  test('sign-in is a narrow column in the middle at 1366 px', async ({ assert }) => {
    const context = await (await launchBrowser()).newContext({ baseURL: baseUrl(), viewport: { width: 1366, height: 900 } })
    try {
      const page = await context.newPage()
      await page.goto('/account/sign-in')
      const form = (await page.locator('form.card').boundingBox())!
      assert.isAtMost(form.width, 422, `the form is ${Math.round(form.width)} px wide`)
      const width = await page.evaluate(() => (globalThis as any).document.documentElement.clientWidth)
      assert.approximately(form.x, width - (form.x + form.width), 2, 'centred')
    } finally {
      await context.close()
    }
  }).timeout(60_000)

  test("an order's step line fits one line of a 390 px phone, the current step marked", async ({ assert }) => {
    const { order } = await createPendingOrder()
    const context = await (await launchBrowser()).newContext({ baseURL: baseUrl(), viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    try {
      const page = await context.newPage()
      await page.goto(`/orders/${order.publicToken}`)
      await page.evaluate(() => (globalThis as any).document.fonts.ready)
      const tops = await page.locator('.order-progress li').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)))
      assert.lengthOf(tops, 5)
      assert.lengthOf(new Set(tops), 1, 'the five steps on one line')
      assert.equal((await page.locator('.order-progress [aria-current="step"]').innerText()).split(':')[0].trim(), 'Placed')
    } finally {
      await context.close()
    }
  }).timeout(60_000)
})
