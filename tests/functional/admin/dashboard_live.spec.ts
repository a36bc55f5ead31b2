import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import { paidOrder } from '#tests/helpers/admin_orders'
import { recordAudit } from '#services/audit_log'
import { storeDayBounds, todaysOrders } from '#queries/admin_dashboard_query'
import { clearRateLimits } from '#tests/helpers/rate_limits'

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
    assert.equal(before.headers.get('vary'), 'HX-Request')
    const ordersBefore = figure(before.text, 'orders-today', 'USD') ?? 0
    const awaitingBefore = figure(before.text, 'awaiting-fulfillment')!

    const { order } = await paidOrder({ lines: [{ quantity: 1, unitPrice: 4200 }] })
    const after = await agent.get('/admin', LIVE)
    assert.equal(figure(after.text, 'orders-today', 'USD'), ordersBefore + 1)
    assert.equal(figure(after.text, 'awaiting-fulfillment'), awaitingBefore + 1)
    assert.isNotNull(figure(after.text, 'inventory.low_stock'), 'the low-stock count of the inventory plugin')
    assert.include(after.text, `Order #${order.number}: payment paid`)
    // plugin widgets keep rendering inside the live part
    assert.include(after.text, 'id="widget-analytics.today"')

    const page = await agent.get('/admin')
    assert.include(page.text, '<h1>Dashboard</h1>')
    assert.include(page.text, 'data-live-channel="admin/dashboard"')
    assert.match(page.text, /<script src="[^"]*\/js\/live_updates\.js[^"]*" defer nonce="[^"]+"><\/script>/)
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
    await recordAudit({
      actor: { type: 'staff', id: auditor.staff.id },
      action: 'product.updated',
      subjectType: 'product',
      subjectId: 424242,
      changes: { title: ['Old', 'New'] },
    })
    const owner = await auditor.agent.get('/admin', LIVE)
    assert.include(owner.text, 'product.updated (product 424242)')
    assert.include(owner.text, `by ${auditor.staff.fullName}`)

    const fulfiller = await signedInStaff('fulfillment')
    const fulfillerView = await fulfiller.agent.get('/admin', LIVE)
    assert.notInclude(fulfillerView.text, 'product.updated (product 424242)')
    assert.isNotNull(figure(fulfillerView.text, 'awaiting-fulfillment'))

    // a staff member with no role at all still gets a working dashboard, without order figures
    const roleless = await StaffUserFactory.create()
    const agent = new HttpAgent()
    await agent.submit('/admin/login', '/admin/login', { email: roleless.email, password: STAFF_PASSWORD })
    const bare = await agent.get('/admin')
    assert.equal(bare.status, 200)
    assert.isNull(figure(bare.text, 'orders-today'))
    assert.isNull(figure(bare.text, 'awaiting-fulfillment'))
    assert.notInclude(bare.text, 'product.updated (product 424242)')
  })
})
