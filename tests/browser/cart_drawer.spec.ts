import { test } from '@japa/runner'
import { baseUrl, browserSessions, focused, launchBrowser, htmxReady } from '#tests/helpers/browser'
import { inventory, stockedVariants } from '#tests/helpers/checkout'

/*
| The cart drawer (htmx, a native <dialog>): Add to cart and the header's
| cart icon open it with the cart's lines, subtotal and Check out, priced
| afresh each time; a change made in it answers with the drawer. Without
| JavaScript both lead to the cart page. On a 390 × 844 phone the cart
| page's Check out is on the first screen, however many lines there are.
*/

test.group('Storefront | cart drawer and cart page on a phone', (group) => {
  const session = browserSessions(group)

  test('Add to cart opens the drawer with the line and subtotal; its stepper updates it in place; Esc closes it and focus returns', async ({ assert }) => {
    const { product, variants } = await stockedVariants([{ price: 1250, stock: 10 }])
    const line = `#cart-line-${variants[0].id}`
    const { page, consoleErrors, cspViolations } = session()
    const drawer = page.getByRole('dialog', { name: 'Your cart' })

    await page.goto(`/products/${product.handle}`)
    await htmxReady(page)
    await page.fill('#add-to-cart-quantity', '2')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await drawer.locator(line).waitFor({ timeout: 5000 })
    assert.include(await drawer.locator(line).innerText(), product.title)
    assert.equal(await drawer.locator(`#quantity-${variants[0].id}`).inputValue(), '2')
    assert.equal(await drawer.locator('[data-total="subtotal"]').innerText(), '$25.00')
    assert.equal(await drawer.getByRole('link', { name: 'Check out' }).getAttribute('href'), '/checkout')
    assert.equal(new URL(page.url()).pathname, `/products/${product.handle}`)

    // + posts from inside the drawer, and the server answers the drawer again
    await drawer.getByRole('button', { name: `Increase quantity of ${product.title}` }).click()
    await drawer.locator('[data-total="subtotal"]', { hasText: '$37.50' }).waitFor({ timeout: 5000 })
    await drawer.getByText('Quantity updated.').waitFor()
    await page.locator('#mini-cart', { hasText: 'Cart, 3 items' }).waitFor({ timeout: 5000 })

    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    assert.equal(await focused(page, 'text'), 'Add to cart')

    // the header's icon opens it too, priced afresh: stock sold elsewhere shows at once
    await (await inventory()).adjust({ variantId: variants[0].id, delta: -8, reason: 'damaged' })
    await page.locator('#mini-cart').click()
    await drawer.getByText(/we reduced the quantity from 3 to 2/).waitFor({ timeout: 5000 })
    assert.equal(await drawer.locator('[data-total="subtotal"]').innerText(), '$25.00')
    await drawer.getByRole('button', { name: `Remove ${product.title}` }).click()
    await drawer.getByText('Your cart is empty').waitFor({ timeout: 5000 })
    await drawer.getByRole('button', { name: 'Close' }).click()
    await drawer.waitFor({ state: 'hidden' })
    assert.equal(await focused(page, 'id'), 'mini-cart')

    // on the cart page the icon is a plain link to it
    await page.goto('/cart')
    await htmxReady(page)
    await Promise.all([page.waitForEvent('load'), page.locator('#mini-cart').click()])
    assert.isFalse(await drawer.isVisible())
    assert.equal(new URL(page.url()).pathname, '/cart')

    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('without JavaScript, Add to cart and the cart icon lead to the cart page', async ({ assert }) => {
    const { product } = await stockedVariants([{ price: 1250, stock: 10 }])
    const context = await (await launchBrowser()).newContext({ baseURL: baseUrl(), javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await page.goto(`/products/${product.handle}`)
      await Promise.all([page.waitForURL('**/cart'), page.getByRole('button', { name: 'Add to cart' }).click()])
      assert.include(await page.locator('#cart').innerText(), product.title)
      assert.include(await page.locator('main').innerText(), `Added ${product.title} to your cart.`)
      assert.isFalse(await page.locator('#cart-drawer').isVisible())

      await page.goto(`/products/${product.handle}`)
      await Promise.all([page.waitForURL('**/cart'), page.locator('#mini-cart').click()])
      assert.isFalse(await page.locator('#cart-drawer').isVisible())
    } finally {
      await context.close()
    }
  })

  test('on a 390 × 844 phone the cart page shows Check out on the first screen, and Remove is a button', async ({ assert }) => {
    const { product, variants } = await stockedVariants([
      { price: 1000, stock: 5, title: 'One' },
      { price: 1100, stock: 5, title: 'Two' },
      { price: 1200, stock: 5, title: 'Three' },
      { price: 1300, stock: 5, title: 'Four' },
    ])
    const context = await (await launchBrowser()).newContext({
      baseURL: baseUrl(),
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    })
    try {
      const page = await context.newPage()
      for (const variant of variants) {
        await page.goto(`/products/${product.handle}?variant=${variant.id}`)
        await htmxReady(page)
        await page.getByRole('button', { name: 'Add to cart' }).click()
        await page.locator('#add-to-cart-status', { hasText: 'Added' }).waitFor({ timeout: 5000 })
      }
      await page.goto('/cart')
      await htmxReady(page)
      await page.evaluate(() => (globalThis as any).document.fonts.ready)
      assert.equal(await page.locator('.cart-line').count(), 4)
      const box = (await page.getByRole('link', { name: 'Check out' }).boundingBox())!
      assert.isAtMost(box.y + box.height, 844, `Check out ends at ${Math.round(box.y + box.height)} px`)

      const remove = page.getByRole('button', { name: `Remove ${product.title}` }).first()
      assert.include(await remove.getAttribute('class'), 'button--secondary')
      // as tall as the quantity stepper beside it
      const stepper = (await page.locator('.cart-line .quantity').first().boundingBox())!
      assert.approximately((await remove.boundingBox())!.height, stepper.height, 1, 'Remove matches the stepper')
      // with JavaScript a typed quantity posts on change, so Update stays hidden
      assert.isFalse(await page.getByRole('button', { name: 'Update' }).first().isVisible())
      const quantity = page.locator(`#quantity-${variants[0].id}`)
      await quantity.fill('2')
      await quantity.blur()
      await page.locator('#cart', { hasText: 'Quantity updated.' }).waitFor({ timeout: 5000 })
      assert.equal(await page.locator(`#quantity-${variants[0].id}`).inputValue(), '2')
      await page.locator('#mini-cart', { hasText: 'Cart, 5 items' }).waitFor({ timeout: 5000 })
    } finally {
      await context.close()
    }
  })
})
