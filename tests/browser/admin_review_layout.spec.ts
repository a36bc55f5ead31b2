import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import Order from '#models/order'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { orderWithDiscountTaxAndShipping } from '#tests/helpers/order_money'
import { recordPaymentSucceeded, refundOrder, startPayment } from '#tests/helpers/payment_actions'
import { closeBrowser, launchBrowser } from '#tests/helpers/browser'
import { contextAt, screenshotPath } from '#tests/helpers/page_checks'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { signInInBrowser } from '#tests/helpers/staff_session'

/*
| What a design review against Polaris found on the back office at a phone's
| width: an order's line items and payments cut off at the card's edge, the
| page's primary action alone on a second line (or left of a secondary one),
| the rule above an order's total split in two, a badge over two lines.
*/

/** Everything in `selector` that reaches past its card's right edge (a table box that scrolls hides it from the page's overflow). */
async function pastCardEdge(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const document = (globalThis as any).document
    const cut: string[] = []
    for (const box of Array.from(document.querySelectorAll(sel)) as any[]) {
      const card = box.closest('.card').getBoundingClientRect()
      for (const element of Array.from(box.querySelectorAll('th, td')) as any[]) {
        const rect = element.getBoundingClientRect()
        if (rect.width > 0 && rect.right > card.right + 1) cut.push(`${element.dataset.label ?? element.textContent.trim()} (${Math.round(rect.right)} > ${Math.round(card.right)})`)
      }
    }
    return cut
  }, selector)
}

/** The page header's actions: their text, left edge and middle, in the order they appear on screen. */
async function headerActions(page: Page) {
  return page.evaluate(() => {
    const document = (globalThis as any).document
    return (Array.from(document.querySelectorAll('.admin-page-header__actions > a, .admin-page-header__actions > details > summary')) as any[]).map((element) => {
      const rect = element.getBoundingClientRect()
      return { text: element.textContent.trim(), left: Math.round(rect.left), top: Math.round(rect.top + rect.height / 2), primary: element.matches('.button:not(.button--secondary)') }
    })
  })
}

test.group('Admin | design review at a phone width', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('order page: items and payments readable, header actions on one line with the primary last, the total rule unbroken', async ({ assert }) => {
    const { order } = await orderWithDiscountTaxAndShipping()
    await startPayment(order, { actor: 'guest' })
    await recordPaymentSucceeded({ provider: 'manual', orderId: order.id, amount: order.total })
    await refundOrder(await Order.findOrFail(order.id), { amount: 1000, actor: 'staff:test' })

    const context = await contextAt(await launchBrowser(), 390)
    const page = await context.newPage()
    await signInInBrowser(page, 'owner')
    await page.goto(`/admin/orders/${order.id}`)
    await page.screenshot({ path: screenshotPath('admin-review-order', 390), fullPage: true })

    assert.deepEqual(await pastCardEdge(page, 'section[aria-labelledby="lines-heading"] table'), [], 'line items fit the card')
    assert.deepEqual(await pastCardEdge(page, 'section[aria-labelledby="payments-heading"] table'), [], 'payments fit the card')
    for (const label of ['Fulfilled', 'Restocked', 'Total']) {
      assert.isTrue(await page.locator(`section[aria-labelledby="lines-heading"] td[data-label="${label}"]`).first().isVisible(), `${label} shown`)
    }
    assert.isTrue(await page.locator('section[aria-labelledby="payments-heading"] td[data-label="Refunded"]').first().isVisible())
    assert.equal(await page.locator('section[aria-labelledby="payments-heading"] td[data-label="Status"] .badge').first().textContent(), 'Paid')

    const actions = await headerActions(page)
    assert.deepEqual(actions.map((action) => action.text), ['More actions', 'Refund', 'Fulfil items'])
    assert.isAtMost(Math.max(...actions.map((action) => action.top)) - Math.min(...actions.map((action) => action.top)), 2, `one line: ${JSON.stringify(actions)}`)
    assert.isTrue(actions.at(-1)!.primary && actions.at(-1)!.left === Math.max(...actions.map((action) => action.left)), 'the primary is rightmost')
    // the printouts are one tap away in the menu
    await page.getByText('More actions').click()
    assert.isTrue(await page.getByRole('link', { name: 'Packing slip' }).isVisible())

    // the rule above the total: the label's border meets the figure's
    const rule = await page.evaluate(() => {
      const document = (globalThis as any).document
      const figure = document.querySelector('dd[data-order-total]').getBoundingClientRect()
      const label = document.querySelector('dd[data-order-total]').previousElementSibling.getBoundingClientRect()
      return { gap: Math.round(figure.left - label.right), sameLine: Math.round(figure.top) === Math.round(label.top) }
    })
    assert.deepEqual(rule, { gap: 0, sameLine: true })
    await context.close()
  }).timeout(120_000)

  test('products list: Export CSV then Add product on one line, badges on one line', async ({ assert }) => {
    await ProductFactory.merge({ title: `Sold-out mug ${uniqueSuffix()}` }).with('variants', 1).create()
    const context = await contextAt(await launchBrowser(), 390)
    const page = await context.newPage()
    await signInInBrowser(page, 'owner')
    await page.goto('/admin/products')
    const actions = await headerActions(page)
    assert.deepEqual(actions.map((action) => action.text), ['Export CSV', 'Add product'])
    assert.equal(actions[0].top, actions[1].top, 'one line')
    assert.isAbove(actions[1].left, actions[0].left, 'the primary is rightmost')
    const wrapped = await page.evaluate(() => {
      const document = (globalThis as any).document
      return (Array.from(document.querySelectorAll('main .badge')) as any[])
        .filter((badge) => badge.getClientRects().length > 1 || badge.getBoundingClientRect().height > 30)
        .map((badge) => badge.textContent.trim())
    })
    assert.deepEqual(wrapped, [])
    await context.close()
  }).timeout(60_000)
})
