import { mkdirSync } from 'node:fs'
import { test } from '@japa/runner'
import { ProductFactory } from '#database/factories/product_factory'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { browserSessions } from '#tests/helpers/browser'
import { clearRateLimits } from '#tests/helpers/rate_limits'

test.group('Admin | read-only product page in the browser', (group) => {
  const session = browserSessions(group, { before: clearRateLimits, timeoutMs: 10_000 })

  test('an analyst sees every field disabled, no save button, and why', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 2).create()
    const { page, consoleErrors, cspViolations } = session()
    await signInInBrowser(page, 'analyst')
    await page.goto(`/admin/products/${product.id}/edit`)

    const note = page.locator('[data-read-only-note]')
    assert.include(await note.textContent(), 'You can view this product but not change it.')
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), product.title)
    assert.isTrue(await page.getByLabel('Title', { exact: true }).isDisabled())
    assert.isTrue(await page.locator('tr[data-variant-row] input').first().isDisabled())
    assert.equal(await page.locator('main form[method="POST"], main form[method="post"]').count(), 0)
    assert.equal(await page.locator('main button:not([disabled])').count(), 0)

    mkdirSync('tmp/screenshots', { recursive: true })
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 })
      await page.screenshot({ path: `tmp/screenshots/h3-read-only-product-${width}.png`, fullPage: true })
    }
    assert.deepEqual(consoleErrors, [])
    assert.deepEqual(cspViolations, [])
  })
})
