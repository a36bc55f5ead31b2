import { test } from '@japa/runner'
import Order from '#models/order'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { browserSessions, htmxReady } from '#tests/helpers/browser'
import { paidOrder } from '#tests/helpers/admin_orders'
import { outboxServices, settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/*
| A fulfillment round as staff do it: find the paid order, ship it with
| tracking, see it shipped, and the customer's email waiting in the outbox;
| then a bulk run whose progress updates in place while the job works.
*/
test.group('Admin | fulfillment in the browser', (group) => {
  const session = browserSessions(group, { before: clearRateLimits, timeoutMs: 15_000 })

  test('staff find a paid order, ship it with tracking, and the customer is emailed', async ({ assert }) => {
    const { page, cspViolations } = session()
    const placed = await paidOrder({ email: `round-${Date.now()}@example.com`, lines: [{ quantity: 2, unitPrice: 1250 }] })
    await signInInBrowser(page, 'fulfillment')

    await page.goto('/admin/orders')
    await htmxReady(page)
    await page.getByLabel('Search').fill(`#${placed.order.number}`)
    await page.waitForURL(`**/admin/orders?q=*${placed.order.number}*`)
    await Promise.all([page.waitForURL(`**/admin/orders/${placed.order.id}`), page.getByRole('link', { name: `#${placed.order.number}` }).click()])

    await page.getByLabel('Carrier', { exact: true }).fill('DHL')
    await page.getByLabel('Tracking number').fill('JD014600006281')
    await page.getByLabel('Tracking URL').fill('https://track.example/JD014600006281')
    await Promise.all([page.waitForURL(`**/admin/orders/${placed.order.id}`), page.getByRole('button', { name: 'Fulfil items' }).click()])

    const order = await Order.findOrFail(placed.order.id)
    assert.deepEqual([order.status, order.fulfillmentStatus], ['completed', 'fulfilled'])
    const body = await page.locator('main').textContent()
    assert.include(body, 'JD014600006281')
    assert.match(body!, /fulfilled/i)
    assert.equal(await page.getByRole('button', { name: 'Fulfil items' }).count(), 0, 'nothing left to ship')

    await settleOutbox()
    const emails = await NotificationMessage.query().where('to_address', placed.order.email).where('template', 'order_shipped')
    assert.lengthOf(emails, 1)
    assert.include(emails[0].html, 'JD014600006281')
    assert.deepEqual(cspViolations, [])
  }).timeout(60_000)

  test('a bulk fulfillment shows its progress updating in place', async ({ assert }) => {
    const { page, cspViolations } = session()
    const tag = `browserbulk${Date.now()}`
    const a = await paidOrder({ email: `${tag}-a@example.com` })
    const b = await paidOrder({ email: `${tag}-b@example.com` })
    await signInInBrowser(page, 'fulfillment')

    await page.goto(`/admin/orders?q=${tag}`)
    await htmxReady(page)
    await page.getByLabel(`Select order #${a.order.number}`).check()
    await page.getByLabel(`Select order #${b.order.number}`).check()
    await page.getByLabel('Carrier for bulk fulfillment').fill('UPS')
    await Promise.all([page.waitForURL('**/admin/orders/bulk-fulfillments/*'), page.getByRole('button', { name: 'Fulfil selected' }).click()])
    const url = page.url()

    const { queue } = await outboxServices()
    await queue.drain(30_000)
    // htmx polls the fragment; the page itself is not reloaded
    await page.locator('#bulk-progress-status[data-status="done"]').waitFor()
    assert.equal(page.url(), url)
    assert.equal(await page.locator('[data-succeeded]').textContent(), '2')
    assert.equal(await page.locator('#bulk-progress-bar').getAttribute('value'), '2')
    assert.equal(await page.getByRole('link', { name: 'Refresh' }).count(), 0)
    for (const placed of [a, b]) assert.equal((await Order.findOrFail(placed.order.id)).fulfillmentStatus, 'fulfilled')
    assert.deepEqual(cspViolations, [])
  }).timeout(60_000)
})
