import { test } from '@japa/runner'
import { paidOrder } from '#tests/helpers/admin_orders'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { closeBrowser, launchBrowser } from '#tests/helpers/browser'
import { contextAt, horizontalOverflow, screenshotPath } from '#tests/helpers/page_checks'

/*
| The orders list on a phone: the folded filters leave the first order in
| the first screen (it was two and a half screens down behind eleven
| fields), open on a tap without JavaScript's help, and fit the width.
*/

test.group('Admin | folded list filters in the browser', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('at 390 px the first order is in the first screen; the Filters summary opens the fields', async ({ assert }) => {
    await paidOrder()
    const context = await contextAt(await launchBrowser(), 390)
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    await signInInBrowser(page, 'owner')
    await page.goto('/admin/orders')
    const viewport = page.viewportSize()!
    const firstRow = await page.locator('#orders-table tbody tr').first().boundingBox()
    assert.exists(firstRow, 'an order row is shown')
    assert.isBelow(firstRow!.y, viewport.height, 'the first order starts within the first screen')
    assert.isFalse(await page.locator('#orders-status').isVisible(), 'the status filter is folded')
    assert.isTrue(await page.locator('#orders-q').isVisible(), 'the search box stays in view')
    await page.screenshot({ path: screenshotPath('admin-orders-filters-closed', 390), fullPage: false })

    await page.locator('.filters__more > summary').click()
    assert.isTrue(await page.locator('#orders-status').isVisible())
    const { scrollWidth, culprits } = await horizontalOverflow(page, 390)
    assert.isAtMost(scrollWidth, 390, culprits.join('; '))
    await page.screenshot({ path: screenshotPath('admin-orders-filters-open', 390), fullPage: true })
    await context.close()
  })
})
