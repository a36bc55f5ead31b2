import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { Page } from 'playwright-core'
import SaveStoreSettings from '#actions/settings/save_store_settings'
import { systemActor } from '#services/actor'
import { POLICY_DEFAULTS } from '#settings/store_policies'
import { baseUrl, closeBrowser, launchBrowser } from '#tests/helpers/browser'
import { flatShipping, stockedVariants } from '#tests/helpers/checkout'
import { addToCart, checkoutUpToReview } from '#tests/helpers/checkout_flow'
import { HttpAgent } from '#tests/helpers/http_agent'
import { contextAt, horizontalOverflow, screenshotPath, seriousAxeViolations } from '#tests/helpers/page_checks'
import { createPendingOrder } from '#tests/helpers/payment_orders'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/*
| Checkout's three steps and the payment page at a phone and a desktop width:
| the distraction-free header and footer (the store's name back to the cart,
| the policies, nothing else), nothing wider than the device, no serious
| axe-core finding, and the payment page's summary laid out like checkout's.
| Screenshots in tmp/screenshots/store-checkout-<page>-<width>.png.
*/

const WIDTHS = [390, 1366]

async function savePolicies(policies: Partial<typeof POLICY_DEFAULTS>) {
  await (await app.container.make(SaveStoreSettings)).handle('policies', { ...POLICY_DEFAULTS, ...policies }, systemActor())
}

/** Where an element sits on the page, rounded. */
async function box(page: Page, selector: string) {
  const found = (await page.locator(selector).first().boundingBox())!
  return { left: Math.round(found.x), right: Math.round(found.x + found.width), width: Math.round(found.width) }
}

test.group('Storefront | checkout layout', (group) => {
  group.each.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())
  group.teardown(() => savePolicies({}))

  test('checkout and payment keep to the purchase at 390 and 1366 px, and the payment summary lines up', async ({ assert }) => {
    await savePolicies({ refund_policy: 'Return anything unused within 30 days.', privacy_policy: 'We keep what your order needs.' })
    const shippingMethodId = await flatShipping('NZ', 500)
    const { variants } = await stockedVariants([{ price: 2400, stock: 5, title: 'Medium' }])
    const agent = new HttpAgent()
    await addToCart(agent, variants[0].id, 2)
    await checkoutUpToReview(agent, shippingMethodId, {
      email: `checkout-layout-${Date.now()}@example.com`,
      first_name: 'Ada',
      last_name: 'Guest',
      line1: '1 Queen Street',
      city: 'Auckland',
      postal_code: '1010',
      country_code: 'NZ',
    })
    const { order } = await createPendingOrder({ quantity: 3, unitPrice: 12_345 })

    const pages = [
      { name: 'details', path: '/checkout' },
      { name: 'shipping', path: '/checkout/shipping' },
      { name: 'review', path: '/checkout/review' },
      { name: 'pay', path: `/orders/${order.publicToken}/pay` },
    ]
    const browser = await launchBrowser()
    const problems: string[] = []
    for (const width of WIDTHS) {
      const context = await contextAt(browser, width)
      await context.addCookies([...agent.cookies].map(([name, value]) => ({ name, value, url: baseUrl() })))
      for (const entry of pages) {
        const page = await context.newPage()
        const response = await page.goto(entry.path)
        assert.equal(response?.status(), 200, entry.path)
        await page.evaluate(() => (globalThis as any).document.fonts.ready)

        const banner = page.getByRole('banner')
        assert.equal(await banner.getByRole('link').count(), 1, `${entry.name}: the header's one link`)
        assert.equal(await banner.getByRole('link').getAttribute('href'), '/cart')
        assert.equal(await page.getByRole('search').count(), 0, `${entry.name}: no search`)
        assert.equal(await page.getByRole('navigation', { name: 'Collections' }).count(), 0)
        assert.equal(await page.getByRole('navigation', { name: 'Checkout steps' }).count(), 1)
        const footer = page.getByRole('contentinfo')
        assert.deepEqual(await footer.getByRole('link').allTextContents(), ['Refund policy', 'Privacy policy'], `${entry.name}: only the policies`)

        const { scrollWidth, culprits } = await horizontalOverflow(page, width)
        if (scrollWidth > width) problems.push(`${entry.name} at ${width}px is ${scrollWidth}px wide: ${culprits.join(', ')}`)
        for (const violation of await seriousAxeViolations(page)) problems.push(`${entry.name} at ${width}px: ${violation}`)
        await page.screenshot({ path: screenshotPath(`store-checkout-${entry.name}`, width), fullPage: true })

        // the four steps on one line at every width (at 390 "4. Payment" used to wrap alone)
        const stepTops = await page.locator('.checkout-steps li').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)))
        assert.lengthOf(stepTops, 4)
        assert.lengthOf(new Set(stepTops), 1, `${entry.name}: the steps on one line at ${width}px`)

        if (entry.name === 'pay') {
          // the test payment's buttons never touch, side by side or stacked; the test-mode note sits above them
          const buttons = await page.locator('.payment-test button').evaluateAll((items) =>
            items.map((item) => {
              const rect = item.getBoundingClientRect()
              return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right }
            })
          )
          const [pay, decline] = buttons
          const apart = decline.top >= pay.bottom ? decline.top - pay.bottom : decline.left - pay.right
          assert.isAtLeast(apart, 8, `a gap between the payment buttons at ${width}px`)
          const note = (await page.locator('.payment-test__note').boundingBox())!
          assert.isAtMost(note.y + note.height, pay.top, `the test-mode note above the buttons at ${width}px`)
          // like checkout's summary: the table fills its card, the heading starts where it does, amounts end on its right edge
          const card = await box(page, '.payment-summary')
          const table = await box(page, '.payment-summary table')
          const heading = await box(page, '.payment-summary h2')
          assert.isAtLeast(table.width, card.width - 64, `the summary table fills its card at ${width}px`)
          assert.approximately(heading.left, table.left, 2, `the heading lines up with the table at ${width}px`)
          const lineTotals = page.locator('.payment-summary [data-line-total]')
          for (const align of await lineTotals.evaluateAll((cells) => cells.map((cell) => (globalThis as any).getComputedStyle(cell).textAlign))) {
            assert.oneOf(align, ['right', 'end'], `line totals are right-aligned at ${width}px`)
          }
          const total = await box(page, '.payment-summary [data-figure="total"]')
          assert.approximately(total.right, table.right, 2, `the total ends at the table's right edge at ${width}px`)
          // the words and amounts themselves: a line's total ends where the order total does, its title starts with the heading
          const textEdges = (selector: string) =>
            page.locator(selector).first().evaluate((element: any) => {
              const range = element.ownerDocument.createRange()
              range.selectNodeContents(element)
              const rect = range.getBoundingClientRect()
              return { left: Math.round(rect.left), right: Math.round(rect.right) }
            })
          const lineTotal = await textEdges('.payment-summary [data-line-total]')
          const orderTotal = await textEdges('.payment-summary [data-figure="total"]')
          assert.approximately(lineTotal.right, orderTotal.right, 2, `line and order totals end together at ${width}px`)
          assert.approximately((await textEdges('.payment-summary tbody td')).left, heading.left, 2, `items start under the heading at ${width}px`)
        }
        await page.close()
      }
      await context.close()
    }
    assert.deepEqual(problems, [])
  }).timeout(300_000)
})
