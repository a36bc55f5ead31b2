import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'
import ShippingZone from '#models/shipping_zone'
import { ProductFactory } from '#database/factories/product_factory'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { paidOrder } from '#tests/helpers/admin_orders'
import { CustomerFactory } from '#database/factories/customer_factory'
import { recordAudit } from '#services/audit_log'
import { formatDay, formatMonth } from '#services/store_time'
import { staffPerRole } from '#tests/helpers/staff_session'

/*
| What a merchant reviewing the back-office asked for: list filters that fold
| away on a phone and say what is applied, developer pages out of the
| merchant's way, words instead of stored values and ISO dates.
*/

const staffAs = staffPerRole()

/** The page's text without tags and scripts: what staff read, options included. */
function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

/** The filter disclosure's opening tag and its summary, from a list page. */
function filterDisclosure(html: string) {
  const match = html.match(/<details class="filters__more"([^>]*)>\s*<summary>([\s\S]*?)<\/summary>/)
  if (!match) throw new Error('no filter disclosure on the page')
  return { open: /\bopen\b/.test(match[1]), summary: match[2].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() }
}

test.group('Admin | merchant review: list filters fold away', () => {
  test('the orders list keeps search and sort in view and folds the other filters, closed while none applies', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const page = await agent.get('/admin/orders')
    assert.equal(page.status, 200)
    const bar = page.text.slice(page.text.indexOf('class="filters__bar"'), page.text.indexOf('class="filters__more"'))
    assert.include(bar, 'id="orders-q"')
    assert.include(bar, 'id="orders-sort"')
    assert.notInclude(bar, 'id="orders-status"')
    assert.deepEqual(filterDisclosure(page.text), { open: false, summary: 'Filters' })
    // a search alone is not a folded filter
    const searched = await agent.get('/admin/orders?q=ada')
    assert.isFalse(filterDisclosure(searched.text).open)
    // nothing to save as a view until something narrows the list
    assert.notInclude(page.text, 'Save these filters as')
    assert.include(searched.text, 'Save these filters as')
  })

  test('an applied filter opens the disclosure, counts itself and offers to clear', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const orders = await agent.get('/admin/orders?status=open&payment=paid&sort=total')
    assert.deepEqual(filterDisclosure(orders.text), { open: true, summary: 'Filters 2 applied' })
    assert.include(orders.text, '>Clear filters</a>')
    for (const url of ['/admin/products?status=draft', '/admin/customers?orders=yes', '/admin/customers/subscribers?status=subscribed', '/admin/audit?subjectType=product', '/admin/system/events?status=failed']) {
      const page = await agent.get(url)
      assert.equal(page.status, 200, url)
      assert.deepEqual(filterDisclosure(page.text), { open: true, summary: 'Filters 1 applied' }, url)
    }
  })
})

test.group('Admin | merchant review: developer pages', () => {
  test('jobs, event deliveries and the style guide sit in a folded Developer section, last', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const page = await agent.get('/admin/orders')
    const sidebar = page.text.slice(page.text.indexOf('id="nav-main"'))
    const developer = sidebar.match(/<details class="admin-nav__section admin-nav__section--folded"([^>]*)>([\s\S]*?)<\/details>/)
    assert.exists(developer, 'a Developer disclosure in the sidebar')
    assert.notMatch(developer![1], /\bopen\b/)
    assert.include(developer![2], '>Developer</summary>')
    for (const label of ['Jobs', 'Event deliveries', 'Style guide']) assert.include(developer![2], `>${label}</a>`)
    const systemSection = sidebar.slice(sidebar.indexOf('id="nav-system"'), sidebar.indexOf('admin-nav__section--folded'))
    assert.notInclude(systemSection, '>Jobs</a>')
    // on one of its pages it is open, with that page marked
    const jobs = await agent.get('/admin/system/jobs')
    assert.match(jobs.text, /<details class="admin-nav__section admin-nav__section--folded" open>/)
  })

  test('staff who cannot open the jobs or deliveries pages see only the style guide there', async ({ assert }) => {
    const { agent } = await staffAs('analyst')
    const page = await agent.get('/admin')
    const developer = page.text.match(/admin-nav__section--folded[\s\S]*?<\/details>/)![0]
    assert.include(developer, '>Style guide</a>')
    assert.notInclude(developer, '>Jobs</a>')
    assert.notInclude(developer, '>Event deliveries</a>')
  })
})


test.group('Admin | merchant review: stored values in words', () => {
  test('stock reasons, a collection\'s order, rate types and the payment method read as words', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const product = await ProductFactory.with('variants', 1).create()
    const inventory = await app.container.make(InventoryPort)
    await inventory.adjust({ variantId: product.variants[0].id, delta: 4, reason: 'received' })
    await inventory.adjust({ variantId: product.variants[0].id, delta: -1, reason: 'count' })
    const variant = await agent.get(`/admin/inventory/variants/${product.variants[0].id}`)
    assert.equal(variant.status, 200)
    assert.include(variant.text, '>Stock count</option>')
    assert.include(variant.text, 'data-reason>Stock count</td>')
    assert.include(variant.text, 'data-reason>Received</td>')
    assert.notMatch(visibleText(variant.text), /\b(count|correction|damaged):/)

    const collection = await agent.get('/admin/collections/new')
    assert.include(collection.text, '>Price, low to high</option>')
    assert.notInclude(visibleText(collection.text), 'price-asc')

    const { order } = await paidOrder()
    const orderPage = await agent.get(`/admin/orders/${order.id}`)
    assert.include(orderPage.text, '<td data-label="Provider">Manual payment</td>')
  })
})

test.group('Admin | merchant review: discount and shipping forms in merchant words', () => {
  test('the discount form speaks of codes, types, minimum purchase and dates, never field names or "cents"', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const page = await agent.get('/admin/discounts/new')
    assert.equal(page.status, 200)
    for (const words of ['Discount type', '>Percentage</option>', '>Fixed amount</option>', 'Minimum purchase amount', 'Uses per customer', 'Active dates']) {
      assert.include(page.text, words)
    }
    // hints are tied to their inputs
    assert.match(page.text, /id="discount-code"[^>]*aria-describedby="discount-code-hint"/)
    // the value only matters for two of the types: a group the script hides for free shipping
    assert.match(page.text, /data-shown-by="discount-kind" data-shown-for="percentage fixed_amount"/)
    const text = visibleText(page.text)
    assert.notMatch(text, /\b(minimumSubtotal|usageLimit|perCustomerLimit|fixed_amount|free_shipping|cents|Kind)\b/)
  })

  test('the rate form groups the weight prices under their own heading, shown only for the By weight type', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const zone = await ShippingZone.create({ name: `Review zone ${Date.now()}`, countries: [] })
    const page = await agent.get(`/admin/shipping/zones/${zone.id}/methods/new`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Rate type')
    assert.include(page.text, '>By weight</option>')
    const weight = page.text.match(/<fieldset class="card" data-shown-by="method-kind" data-shown-for="weight">([\s\S]*?)<\/fieldset>/)
    assert.exists(weight, 'the weight prices are one group, tied to the rate type')
    assert.include(weight![1], '<legend>Price by weight</legend>')
    assert.include(weight![1], 'id="method-perKgAmount"')
    assert.include(weight![1], 'Weight bands')
    const text = visibleText(page.text)
    assert.notMatch(text, /\b(perKgAmount|freeOverAmount|free_over|Kind|tiers?)\b/)
    const zoneForm = visibleText((await agent.get('/admin/shipping/zones/new')).text)
    assert.include(zoneForm, 'Enter * for every country not in another zone')
  })
})

test.group('Admin | merchant review: dates, metric cards, audit filter and the customer page', () => {
  test('calendar days and months read as words, without a time-zone shift', ({ assert }) => {
    assert.equal(formatDay('2026-12-05'), '5 Dec 2026')
    assert.equal(formatDay('2026-01-31'), '31 Jan 2026')
    assert.equal(formatMonth('2026-12'), 'Dec 2026')
    assert.equal(formatDay('not a day'), 'not a day')
  })

  test('the dashboard\'s today card is metric cards: label, figure, the change on yesterday, and its day in words', async ({ assert }) => {
    await paidOrder()
    const { agent } = await staffAs('owner')
    const page = await agent.get('/admin')
    assert.equal(page.status, 200)
    assert.match(page.text, /<dt class="kpi-tile__label">Paid orders[^<]*<\/dt>\s*<dd class="kpi-tile__value" data-figure="orders-today"/)
    assert.match(page.text, /data-change="orders">[\s\S]*?vs \d+ yesterday/)
    assert.notMatch(visibleText(page.text), /\b\d{4}-\d{2}-\d{2}\b/, 'no ISO dates on the dashboard')
    const analytics = await agent.get('/admin/analytics')
    assert.equal(analytics.status, 200)
    const text = visibleText(analytics.text.replace(/<script[\s\S]*?<\/script>/g, ''))
    assert.notMatch(text, /\b\d{4}-\d{2}(-\d{2})?\b/, 'no ISO dates or months on the analytics page')
    assert.match(text, /\d{1,2} [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4}/)
  })

  test('the audit log\'s action filter offers actions in words, grouped, with an "any" choice per kind', async ({ assert }) => {
    await recordAudit({ actor: { type: 'cli' }, action: 'product.updated', subjectType: 'product', subjectId: '1', changes: {} })
    const { agent } = await staffAs('owner')
    const page = await agent.get('/admin/audit?action=product.updated')
    assert.equal(page.status, 200)
    const select = page.text.match(/<select id="audit-action" name="action">([\s\S]*?)<\/select>/)
    assert.exists(select)
    assert.include(select![1], '<optgroup label="Product">')
    assert.match(select![1], /<option value="product\.\*"\s*>Any product action<\/option>/)
    assert.match(select![1], /<option value="product\.updated"\s*selected>Product [a-z]+<\/option>/)
    // values stay keys for the query; what staff read never does
    assert.notMatch(visibleText(select![0]), /\b[a-z_]+\.[a-z_*]+\b/)
    assert.notInclude(page.text, 'placeholder="order.refunded')
    assert.include(page.text, '<label for="audit-subject-type">Changed record</label>')
  })

  test('the customer page groups its sections in cards, two columns on a wide screen', async ({ assert }) => {
    const customer = await CustomerFactory.with('addresses', 1).create()
    const { agent } = await staffAs('owner')
    const page = await agent.get(`/admin/customers/${customer.id}`)
    assert.equal(page.status, 200)
    const main = page.text.slice(page.text.indexOf('class="page-layout__main"'), page.text.indexOf('class="page-layout__aside"'))
    const aside = page.text.slice(page.text.indexOf('class="page-layout__aside"'), page.text.indexOf('class="page-layout__after"'))
    const after = page.text.slice(page.text.indexOf('class="page-layout__after"'))
    for (const heading of ['figures-heading', 'orders-heading']) assert.include(main, `<section class="card" aria-labelledby="${heading}">`)
    for (const heading of ['customer-heading', 'addresses-heading', 'tags-heading']) assert.include(aside, `<section class="card" aria-labelledby="${heading}">`)
    assert.include(after, '<section class="card" aria-labelledby="notes-heading" id="notes">')
    assert.include(aside, `href="mailto:${customer.email}"`)
  })
})
