import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder } from '#tests/helpers/admin_orders'
import { recordAudit } from '#services/audit_log'
import { storeDayBounds, todaysOrders } from '#queries/admin_dashboard_query'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { SALES_TREND_DAYS, salesTrend } from '#queries/admin_dashboard_query'

const LIVE = { 'hx-request': 'true', 'hx-target': 'dashboard-live' }

/**
 * The number in a `data-figure` element of the page. Today's figures come
 * per currency (other tests pay in other currencies): `currency` picks one.
 */
function figure(html: string, name: string, currency?: string) {
  const attributes = `data-figure="${name.replace('.', '\\.')}"${currency ? ` data-currency="${currency}"` : ''}`
  const match = new RegExp(`${attributes}>(?:<a[^>]*>)?\\s*([0-9]+)`).exec(html)
  return match ? Number(match[1]) : null
}

test.group('Dashboard | figures, activity and the live fragment', (group) => {
  group.each.setup(() => clearRateLimits())

  test('a paid order counts today and waits for fulfilment; htmx gets only the live part', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const before = await agent.get('/admin', LIVE)
    assert.equal(before.status, 200)
    assert.notInclude(before.text, '<html', 'htmx gets the fragment')
    // htmx and full-page answers differ, so caches keep both (compression adds Accept-Encoding)
    assert.include(before.headers.get('vary')?.split(/,\s*/), 'HX-Request')
    const ordersBefore = figure(before.text, 'orders-today', 'USD') ?? 0
    const awaitingBefore = figure(before.text, 'awaiting-fulfillment')!

    const { order } = await paidOrder({ lines: [{ quantity: 1, unitPrice: 4200 }] })
    const after = await agent.get('/admin', LIVE)
    assert.equal(figure(after.text, 'orders-today', 'USD'), ordersBefore + 1)
    assert.equal(figure(after.text, 'awaiting-fulfillment'), awaitingBefore + 1)
    assert.isNotNull(figure(after.text, 'inventory.low_stock'), 'the low-stock count of the inventory plugin')
    assert.include(after.text, `Order #${order.number} paid`)
    assert.include(after.text, 'by the manual payment webhook', 'who, in words rather than webhook:manual')
    // plugin widgets keep rendering inside the live part
    assert.include(after.text, 'id="widget-analytics.today"')

    const page = await agent.get('/admin')
    assert.include(page.text, '<h1>Dashboard</h1>')
    assert.include(page.text, 'data-live-channel="admin/dashboard"')
    assert.match(page.text, /<script src="[^"]*\/js\/live_updates\.(?:[0-9a-f]+\.)?js" defer nonce="[^"]+"><\/script>/)
  })

  test('today is the store’s calendar day, and only paid orders count', async ({ assert }) => {
    const noon = DateTime.fromISO('2026-03-10T12:00:00Z')
    assert.equal(storeDayBounds(noon, 'Pacific/Auckland').day, '2026-03-11')
    assert.equal(storeDayBounds(noon, 'Pacific/Auckland').start.toUTC().toISO(), '2026-03-10T11:00:00.000Z')
    assert.equal(storeDayBounds(noon, 'America/Los_Angeles').day, '2026-03-10')

    const before = await todaysOrders()
    const usd = () => before.byCurrency.find((row) => row.currency === 'USD') ?? { orders: 0, sales: 0 }
    const { pendingOrder } = await import('#tests/helpers/admin_orders')
    await pendingOrder()
    await paidOrder({ lines: [{ quantity: 2, unitPrice: 1000 }] })
    const after = (await todaysOrders()).byCurrency.find((row) => row.currency === 'USD')!
    assert.equal(after.orders, usd().orders + 1)
    assert.equal(after.sales, usd().sales + 2000)
  })

  test('staff without orders.read see no order figures; audit entries only for staff or settings managers', async ({ assert }) => {
    const auditor = await signedInStaff('owner')
    const product = await ProductFactory.merge({ title: `Linen shirt ${uniqueSuffix()}` }).create()
    const { order } = await paidOrder()
    const actor = { type: 'staff' as const, id: auditor.staff.id }
    await recordAudit({ actor, action: 'product.updated', subjectType: 'product', subjectId: product.id, changes: { title: ['Old', product.title] } })
    await recordAudit({ actor, action: 'order.fulfill', subjectType: 'order', subjectId: order.id, changes: null })
    const owner = await auditor.agent.get('/admin', LIVE)
    // lines in words, linked to what they name, never the raw keys
    assert.include(owner.text, `<a href="/admin/products/${product.id}/edit">Product “${product.title}” updated</a>`)
    assert.include(owner.text, `<a href="/admin/orders/${order.id}">Order #${order.number} shipped</a>`)
    assert.notInclude(owner.text, 'product.updated (product')
    assert.notInclude(owner.text, 'order.fulfill')
    assert.include(owner.text, `by ${auditor.staff.fullName}`)
    const fulfiller = await signedInStaff('fulfillment')
    const fulfillerView = await fulfiller.agent.get('/admin', LIVE)
    assert.notInclude(fulfillerView.text, `Product “${product.title}” updated`)
    assert.isNotNull(figure(fulfillerView.text, 'awaiting-fulfillment'))

    // a staff member with no role at all still gets a working dashboard, without order figures
    const roleless = await StaffUserFactory.create()
    const agent = new HttpAgent()
    await agent.submit('/admin/login', '/admin/login', { email: roleless.email, password: STAFF_PASSWORD })
    const bare = await agent.get('/admin')
    assert.equal(bare.status, 200)
    assert.isNull(figure(bare.text, 'orders-today'))
    assert.isNull(figure(bare.text, 'awaiting-fulfillment'))
    assert.notInclude(bare.text, `Product “${product.title}” updated`)
    assert.notInclude(bare.text, 'data-sparkline', 'no sales figures without orders.read')
  })
})

test.group('Dashboard | sales sparkline', (group) => {
  group.each.setup(() => clearRateLimits())

  test('two weeks of paid sales per store day, drawn on the server with the total in words', async ({ assert }) => {
    const before = await salesTrend()
    await paidOrder({ lines: [{ quantity: 3, unitPrice: 1000 }] })
    const { pendingOrder } = await import('#tests/helpers/admin_orders')
    await pendingOrder({ lines: [{ quantity: 1, unitPrice: 99_900 }] })
    const after = await salesTrend()
    assert.lengthOf(after.days, SALES_TREND_DAYS)
    assert.equal(after.days.at(-1)!.day, storeDayBounds().day, 'the last point is today')
    assert.equal(after.days.at(-1)!.sales, before.days.at(-1)!.sales + 3000, 'paid orders only')
    assert.equal(after.total, before.total + 3000)
    assert.lengthOf(after.points.split(' '), SALES_TREND_DAYS)
    assert.match(after.points.split(' ').at(-1)!, /^100\.0,/)

    const { agent } = await signedInStaff('owner')
    const page = await agent.get('/admin')
    assert.include(page.text, 'data-sparkline')
    assert.include(page.text, `<polyline points="${after.points}"`)
    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(after.total / 100)
    assert.include(page.text, `${total} in paid orders over the last ${SALES_TREND_DAYS} days`)
  })
})
