import { test } from '@japa/runner'
import { ProductFactory } from '#database/factories/product_factory'
import { CustomerFactory } from '#database/factories/customer_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { paidOrder } from '#tests/helpers/admin_orders'
import { HttpAgent } from '#tests/helpers/http_agent'
import { staffPerRole } from '#tests/helpers/staff_session'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/*
| The command palette's JSON: pages, an order by number, products and
| customers, each kind only for staff whose role reads it; the query is
| validated and the endpoint rate limited.
*/

const staffAs = staffPerRole()
const JSON_ACCEPT = { accept: 'application/json' }

async function search(agent: HttpAgent, q: string) {
  const response = await agent.get(`/admin/search.json?q=${encodeURIComponent(q)}`, JSON_ACCEPT)
  return { status: response.status, results: (JSON.parse(response.text).results ?? []) as Array<{ kind: string; label: string; href: string; detail: string }> }
}

test.group('Admin | command palette search', () => {
  test('finds an order by number, products and customers by name, and pages by title', async ({ assert }) => {
    const tag = uniqueSuffix()
    const { order } = await paidOrder()
    const product = await ProductFactory.merge({ title: `Palette lamp ${tag}` }).create()
    const customer = await CustomerFactory.merge({ firstName: 'Palette', lastName: `Shopper ${tag}` }).create()
    const { agent } = await staffAs('owner')

    const byNumber = await search(agent, `#${order.number}`)
    assert.equal(byNumber.status, 200)
    assert.deepEqual(byNumber.results[0], { kind: 'order', label: `Order #${order.number}`, detail: `${order.email} · ${order.status}`, href: `/admin/orders/${order.id}` })

    const byName = await search(agent, tag)
    assert.deepInclude(byName.results, { kind: 'product', label: product.title, detail: 'Product · active', href: `/admin/products/${product.id}/edit` })
    assert.deepInclude(byName.results.map((result) => result.href), `/admin/customers/${customer.id}`)

    const pages = await search(agent, 'audit')
    assert.deepInclude(pages.results, { kind: 'page', label: 'Audit log', detail: 'Page', href: '/admin/audit' })
  })

  test('each kind only for staff who may read it; pages only those they may open', async ({ assert }) => {
    const tag = uniqueSuffix()
    const { order } = await paidOrder()
    await CustomerFactory.merge({ lastName: `Hidden ${tag}` }).create()
    const { agent } = await staffAs('catalog_manager')

    assert.lengthOf((await search(agent, tag)).results, 0, 'no customers.read: no customers')
    const pages = (await search(agent, 'audit')).results.filter((result) => result.kind === 'page')
    assert.deepEqual(pages, [], 'no staff.manage: no audit page')
    assert.equal((await search(agent, String(order.number))).results[0]?.kind, 'order', 'orders.read: the order')

    const support = await staffAs('support')
    assert.notInclude((await search(support.agent, String(order.number))).results.map((result) => result.kind), 'product')
  })

  test('an empty or overlong query is refused in words; guests are sent to sign in', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const empty = await agent.get('/admin/search.json?q=%20', JSON_ACCEPT)
    assert.equal(empty.status, 422)
    assert.deepEqual(JSON.parse(empty.text).results, [])
    assert.include(JSON.parse(empty.text).message, 'order number')
    assert.equal((await agent.get(`/admin/search.json?q=${'x'.repeat(101)}`, JSON_ACCEPT)).status, 422)

    const guest = await new HttpAgent().get('/admin/search.json?q=lamp')
    assert.equal(guest.status, 302)
  })

  test('rate limited per staff member', async ({ assert }) => {
    await clearRateLimits()
    const { agent } = await staffAs('analyst')
    let status = 200
    for (let index = 0; index < 121 && status === 200; index++) status = (await agent.get('/admin/search.json?q=a', JSON_ACCEPT)).status
    assert.equal(status, 429)
    await clearRateLimits()
  }).timeout(60_000)
})
