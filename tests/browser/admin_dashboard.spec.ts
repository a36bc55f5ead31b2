import { test } from '@japa/runner'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { closeBrowser, newSession, type BrowserSession } from '#tests/helpers/browser'
import { paidOrder } from '#tests/helpers/admin_orders'
import { settleOutbox } from '#tests/helpers/outbox'
import app from '@adonisjs/core/services/app'
import FulfillOrder from '#actions/orders/fulfill_order'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const fulfillOrder: FulfillOrder['handle'] = async (...args) => (await app.container.make(FulfillOrder)).handle(...args)

/*
| The back-office dashboard follows the store live: an order paid (or
| shipped) elsewhere changes today's figures, the fulfilment queue and the
| activity list without a reload, and the plugins' widgets keep rendering.
*/

test.group('Dashboard | live figures in the browser', (group) => {
  let session: BrowserSession | undefined

  group.each.setup(async () => {
    await clearRateLimits()
    await settleOutbox()
    session = await newSession()
    session.page.setDefaultTimeout(10_000)
    return () => session?.context.close()
  })
  group.teardown(() => closeBrowser())

  const figure = async (name: string) => Number((await session!.page.locator(`[data-figure="${name}"]`).first().textContent())?.trim())

  test('a paid order, then its shipment, update the figures and the activity without a reload', async ({ assert }) => {
    const { page, cspViolations, consoleErrors } = session!
    await signInInBrowser(page, 'owner')
    await page.waitForSelector('html[data-live-admin="subscribed"]')
    await page.evaluate(() => ((globalThis as any).notReloaded = true))
    // today's figures come per currency, and other tests pay in other currencies
    const usdOrders = page.locator('[data-figure="orders-today"][data-currency="USD"]')
    const ordersBefore = (await usdOrders.count()) ? Number((await usdOrders.textContent())?.trim()) : 0
    const awaitingBefore = await figure('awaiting-fulfillment')
    // the plugins' widgets render inside the live part too
    assert.isTrue(await page.getByRole('heading', { name: 'Sales today' }).isVisible())
    assert.isTrue(await page.getByRole('heading', { name: 'Recent emails' }).isVisible())
    assert.isTrue(await page.locator('[data-figure="inventory.low_stock"]').isVisible())

    const { order, lines } = await paidOrder()
    await settleOutbox()
    await usdOrders.filter({ hasText: String(ordersBefore + 1) }).waitFor()
    assert.equal(await figure('awaiting-fulfillment'), awaitingBefore + 1)
    assert.include(await page.locator('[data-activity]').textContent(), `Order #${order.number} paid`)

    await fulfillOrder(order.id, { lines: [{ orderLineId: lines[0].id, quantity: lines[0].quantity }] }, { type: 'system' })
    await settleOutbox()
    await page.locator('[data-figure="awaiting-fulfillment"]').filter({ hasText: String(awaitingBefore) }).waitFor()
    assert.isTrue(await page.getByRole('heading', { name: 'Sales today' }).isVisible())
    assert.isTrue(await page.evaluate(() => (globalThis as any).notReloaded === true))
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  }).timeout(90_000)
})
