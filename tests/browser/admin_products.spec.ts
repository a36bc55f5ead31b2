import { test } from '@japa/runner'
import Product from '#models/product'
import { uniqueSuffix } from '#database/factories/unique'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { browserSessions } from '#tests/helpers/browser'
import { clearRateLimits } from '#tests/helpers/rate_limits'

test.group('Admin | product editor in the browser', (group) => {
  const session = browserSessions(group, { before: clearRateLimits, timeoutMs: 10_000 })

  test('creating a product with two options shows its variant rows', async ({ assert }) => {
    const { page, consoleErrors, cspViolations } = session()
    await signInInBrowser(page, 'catalog_manager')

    await page.getByRole('link', { name: 'Products' }).click()
    await page.getByRole('link', { name: 'Add product' }).click()
    const title = `Browser Tee ${uniqueSuffix()}`
    await page.getByLabel('Title', { exact: true }).fill(title)
    await page.getByLabel('Option 1 name').fill('Size')
    await page.getByLabel('Option 1 values (comma separated)').fill('S, M')
    await page.getByLabel('Option 2 name').fill('Color')
    await page.getByLabel('Option 2 values (comma separated)').fill('Red, Blue')
    await page.getByLabel('Price of Default', { exact: true }).fill('18.00')
    await Promise.all([page.waitForURL('**/admin/products/*/edit'), page.getByRole('button', { name: 'Create product' }).click()])

    assert.include(await page.locator('.flash-area').textContent(), `Product "${title}" created`)
    const rows = page.locator('tr[data-variant-row] th')
    assert.deepEqual(
      (await rows.allTextContents()).map((text) => text.trim()),
      ['S / Red', 'S / Blue', 'M / Red', 'M / Blue']
    )
    assert.equal(await page.getByLabel('Price of M / Blue', { exact: true }).inputValue(), '18.00')
    const product = await Product.findByOrFail('title', title)
    assert.equal(page.url(), `${new URL(page.url()).origin}/admin/products/${product.id}/edit`)
    assert.deepEqual(consoleErrors, [])
    assert.deepEqual(cspViolations, [])
  })
})
