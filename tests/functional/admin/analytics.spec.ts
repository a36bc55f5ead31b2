import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { formatDay } from '#services/store_time'
import { signedInStaff } from '#tests/helpers/staff_session'
import { settleOutbox } from '#tests/helpers/outbox'
import { analyticsSettings, configureAnalytics } from '#plugins/analytics/store_clock'
import { conversionFunnel } from '#plugins/analytics/queries/channels_query'
import { catalog, netSalesOf, pay, placeOrder, randomSource, refund, testCurrency } from '#tests/plugins/analytics/seeded_store'
import { asset } from '#services/assets'

/** Two orders paid today in a currency of our own (one partly refunded), counted through the outbox. */
async function salesToday() {
  const currency = testCurrency()
  const variants = await catalog(1)
  const random = randomSource(7)
  const now = DateTime.now()
  const first = await placeOrder(random, variants, currency, now)
  const second = await placeOrder(random, variants, currency, now)
  await pay(first, now)
  await pay(second, now)
  await refund(second, 100, now)
  await settleOutbox(30_000)
  return { currency, orders: [first, second], variants }
}

test.group('Admin | analytics', (group) => {
  const original = analyticsSettings()
  group.each.teardown(() => configureAnalytics(original))

  test('an analyst sees today’s figures in tables, with chart data and CSV exports', async ({ assert }) => {
    const { currency, orders, variants } = await salesToday()
    const total = orders[0].total + orders[1].total
    // net sales: the goods after discounts, no tax or shipping, less the refund's share of the second order's net sales
    const [firstNet, secondNet] = [await netSalesOf(orders[0]), await netSalesOf(orders[1])]
    const netSales = firstNet + secondNet - Math.floor((100 * secondNet) / orders[1].total)
    const { agent } = await signedInStaff('analyst')

    const page = await agent.get(`/admin/analytics?range=today&currency=${currency}`)
    assert.equal(page.status, 200)
    const today = DateTime.now().setZone(original.timezone).toISODate()!
    // the sales table: today's row with 2 orders, net of the refund
    const net = new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(netSales / 100)
    assert.match(page.text, new RegExp(`<th scope="row"><time datetime="${today}">${formatDay(today)}</time></th>\\s*<td>2</td>`))
    assert.include(page.text.replace(/\u00a0/g, ' '), net.replace(/\u00a0/g, ' '))
    assert.include(page.text, variants[0].title)
    // charts: a JSON block and files, no inline code
    assert.match(page.text, /<script type="application\/json" id="analytics-chart-data">\{"currency":"X/)
    assert.include(page.text, asset('/vendor/chart.umd.js'))
    assert.include(page.text, asset('/js/analytics_charts.js'))
    const json = JSON.parse(/id="analytics-chart-data">(.*?)<\/script>/s.exec(page.text)![1])
    assert.deepEqual(json.sales.labels, [formatDay(today)])
    assert.deepEqual(json.sales.orders, [2])
    assert.deepEqual(json.sales.netSales, [netSales / 100])

    const csv = await agent.get(`/admin/analytics/export.csv?chart=sales&range=today&currency=${currency}`)
    assert.equal(csv.status, 200)
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/)
    const [header, row] = csv.text.trim().split('\r\n')
    assert.equal(header, 'day,currency,orders,gross_sales,discounts,returns,refunds,total_sales,net_sales,units')
    assert.match(row, new RegExp(`^${today},${currency},2,`))
    assert.include(row, `,1.00,${(total / 100).toFixed(2)},${(netSales / 100).toFixed(2)},`)

    const products = await agent.get(`/admin/analytics/export.csv?chart=products&range=today&currency=${currency}`)
    assert.match(products.text, /^product_id,product,currency,units,revenue\r\n/)
    assert.include(products.text, variants[0].title)
  }).timeout(60_000)

  test('presets, the previous period and a bad custom range', async ({ assert }) => {
    const { agent } = await signedInStaff('analyst')
    const month = await agent.get('/admin/analytics?range=custom&from=2024-02-01&to=2024-02-29')
    assert.equal(month.status, 200)
    assert.include(month.text, '1 Feb 2024 to 29 Feb 2024 (29 days')
    assert.include(month.text, 'compared with 3 Jan 2024 to 31 Jan 2024')
    const bad = await agent.get('/admin/analytics?range=custom&from=2024-02-01')
    assert.equal(bad.status, 200)
    assert.match(bad.text, /class="field-error" id="analytics-to-error">[^<]+</)
    const badCsv = await agent.get('/admin/analytics/export.csv?range=custom&from=nope&to=2024-01-01')
    assert.notEqual(badCsv.status, 200)
  })

  test('the dashboard widget shows today’s sales in the store currency', async ({ assert }) => {
    const { currency } = await salesToday()
    configureAnalytics({ ...original, currency })
    const { agent } = await signedInStaff('analyst')
    const dashboard = await agent.get('/admin')
    assert.equal(dashboard.status, 200)
    assert.include(dashboard.text, 'Sales today')
    assert.match(dashboard.text, /<dd class="kpi-tile__value" data-figure="orders">2<\/dd>/)
  }).timeout(60_000)

  test('fulfillment staff get 403 on the page and the export, and no nav entry', async ({ assert }) => {
    const { agent } = await signedInStaff('fulfillment')
    assert.equal((await agent.get('/admin/analytics')).status, 403)
    assert.equal((await agent.get('/admin/analytics/export.csv')).status, 403)
    assert.notInclude((await agent.get('/admin')).text, 'href="/admin/analytics"')
  })

  test('a period with nothing to show: empty states instead of blank charts, and the funnel says visits were not counted', async ({ assert }) => {
    const currency = testCurrency()
    const { agent } = await signedInStaff('analyst')
    // a week long before any test's data, in a currency nobody sold in
    const page = await agent.get(`/admin/analytics?range=custom&from=2001-01-01&to=2001-01-07&currency=${currency}`)
    assert.equal(page.status, 200)
    for (const chart of ['sales', 'products', 'variants', 'collections', 'refunds', 'countries', 'customers', 'values', 'funnel']) {
      assert.notInclude(page.text, `id="analytics-${chart}-chart"`, `no blank ${chart} canvas`)
    }
    assert.include(page.text, 'No paid orders in this period')
    assert.include(page.text, 'No refunds in this period')
    assert.include(page.text, 'No paying customers in this period')
    assert.include(page.text, 'No customer has spent anything yet')
    assert.include(page.text, 'Nothing to show in the funnel yet')
    // no traffic counted: unknown, not a misleading 0
    assert.include(page.text, 'data-funnel-no-traffic')
    assert.notMatch(page.text, /<th scope="row">Visits<\/th><td>0<\/td>/)
    const funnel = await conversionFunnel('2001-01-01', '2001-01-07')
    assert.isFalse(funnel.trafficRecorded)
    assert.deepEqual(funnel.steps.map((step) => [step.label, step.recorded, step.rate]), [
      ['Visits', false, null],
      ['Carts', false, null],
      ['Checkouts', false, null],
      ['Orders', true, null],
    ])
    const json = JSON.parse(/id="analytics-chart-data">(.*?)<\/script>/s.exec(page.text)![1])
    assert.deepEqual(json.funnel.labels, ['Orders'], 'the chart data leaves out the uncounted steps')
    const csv = await agent.get(`/admin/analytics/export.csv?chart=funnel&range=custom&from=2001-01-01&to=2001-01-07`)
    assert.match(csv.text, /\r\nvisits,,/, 'the CSV leaves an uncounted step blank')
    // the measure is named and explained once on the page
    assert.include(page.text, 'data-net-sales-hint')
  })

  test('with sales, the charts are drawn and the net sales measure is explained', async ({ assert }) => {
    const { currency } = await salesToday()
    const { agent } = await signedInStaff('analyst')
    const page = await agent.get(`/admin/analytics?range=today&currency=${currency}`)
    assert.include(page.text, 'id="analytics-sales-chart"')
    assert.include(page.text, 'id="analytics-refunds-chart"')
    assert.notInclude(page.text, 'No paid orders in this period')
    assert.match(page.text, /<th scope="col">Product<\/th><th scope="col">Units<\/th><th scope="col">Net sales<\/th>/)
    assert.notInclude(page.text, '>Revenue<')
  })
})
