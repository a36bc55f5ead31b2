import { test } from '@japa/runner'
import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import app from '@adonisjs/core/services/app'
import Order from '#models/order'
import { baseUrl, closeBrowser, launchBrowser } from '#tests/helpers/browser'
import { orderWithDiscountTaxAndShipping } from '#tests/helpers/order_money'
import { refundOrder } from '#tests/helpers/payment_actions'
import { latestEmail } from '#tests/helpers/accounts'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/*
| The pages and the email that show an order's money and addresses, at a
| phone's width and a laptop's: every figure row fits (nothing wider than
| the device), and a screenshot of each for review in
| tmp/screenshots/h1-<page>-<width>.png. The address is a long one, as real
| ones are.
*/
const WIDTHS = [390, 1366]

const LONG_ADDRESS = {
  firstName: 'Maximiliane-Alexandra',
  lastName: 'Oberhauser-Wittgenstein',
  company: 'Internationale Handelsgesellschaft für Bürobedarf',
  line1: '1234 Southwest Northrup Boulevard Extension',
  line2: 'Building 7, Suite 1200, Attention: Receiving Dock',
}

/** How wide the page is, and what sticks out, measured against the device width (not the viewport a phone grows). */
async function overflow(page: Page, width: number): Promise<{ scrollWidth: number; culprits: string[] }> {
  // a string, as the tests are compiled without the DOM's types
  return page.evaluate(`(() => {
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > ${width} + 1)
      .slice(0, 5)
      .map((element) => element.tagName.toLowerCase() + '.' + [...element.classList].join('.'))
    return { scrollWidth: document.documentElement.scrollWidth, culprits }
  })()`)
}

test.group('Orders | money and address pages fit a phone and a laptop', (group) => {
  group.each.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('payment page, order page, admin order page and confirmation email', async ({ assert }) => {
    const paid = await orderWithDiscountTaxAndShipping(LONG_ADDRESS)
    const pending = await orderWithDiscountTaxAndShipping(LONG_ADDRESS)
    const browser = await launchBrowser()
    await mkdir(app.makePath('tmp/screenshots'), { recursive: true })
    const failures: string[] = []

    // the paid order: pay through the manual driver, then refund part of it
    const setup = await browser.newContext({ baseURL: baseUrl() })
    const shopper = await setup.newPage()
    await shopper.goto(`/orders/${paid.order.publicToken}/pay`)
    await Promise.all([shopper.waitForURL(`**/orders/${paid.order.publicToken}`), shopper.getByRole('button', { name: /^Pay \$/ }).click()])
    await refundOrder(await Order.findOrFail(paid.order.id), { amount: 1000, actor: 'staff:test' })
    const email = await latestEmail(paid.order.email, 'order_confirmation')
    assert.isNotNull(email)
    await setup.close()

    for (const width of WIDTHS) {
      const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width, height: 900 } })
      const page = await context.newPage()
      const pages: Array<[string, () => Promise<unknown>]> = [
        ['pay', () => page.goto(`/orders/${pending.order.publicToken}/pay`)],
        ['order', () => page.goto(`/orders/${paid.order.publicToken}`)],
        ['email', () => page.setContent(email.html)],
        ['admin-order', async () => {
          await signInInBrowser(page, 'owner')
          return page.goto(`/admin/orders/${paid.order.id}`)
        }],
      ]
      for (const [name, open] of pages) {
        await open()
        const { scrollWidth, culprits } = await overflow(page, width)
        if (scrollWidth > width) failures.push(`${name} at ${width}: ${scrollWidth} px wide; ${culprits.join('; ')}`)
        if (name !== 'email') assert.include(await page.locator('body').textContent(), '$62.97', `${name}: the total`)
        await page.screenshot({ path: app.makePath('tmp/screenshots', `h1-${name}-${width}.png`), fullPage: true })
      }
      await context.close()
    }
    assert.deepEqual(failures, [])
  }).timeout(180_000)
})
