import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { signedInStaff } from '#tests/helpers/staff_session'
import { settleOutbox } from '#tests/helpers/outbox'
import { storeToday } from '#plugins/analytics/store_clock'
import { buyers, catalog, collectionsOver, netSalesOf, pay, placeOrder, randomSource, refund, testCurrency } from '#tests/plugins/analytics/seeded_store'

/**
 * Today, in a currency of our own: a repeat buyer from the US (two orders,
 * one refunded 5.00), a French buyer, and an order shipped nowhere.
 */
async function customersToday() {
  const currency = testCurrency()
  const people = await buyers(currency)
  const variants = await catalog(2)
  const membership = await collectionsOver(variants)
  const random = randomSource(11)
  const now = DateTime.now()
  const us1 = await placeOrder(random, variants, currency, now, people[0])
  const us2 = await placeOrder(random, variants, currency, now, people[0])
  const fr = await placeOrder(random, variants, currency, now, people[1])
  const nowhere = await placeOrder(random, variants, currency, now, people[3])
  for (const order of [us1, us2, fr, nowhere]) await pay(order, now)
  await refund(us2, 500, now)
  await settleOutbox(30_000)
  // net sales per country: goods after discounts, no tax or shipping, less the refund's share of us2's net sales
  const net = { us1: await netSalesOf(us1), us2: await netSalesOf(us2), fr: await netSalesOf(fr), nowhere: await netSalesOf(nowhere) }
  const usNet = net.us1 + net.us2 - Math.floor((500 * net.us2) / us2.total)
  return { currency, us: us1.total + us2.total, fr: fr.total, nowhere: nowhere.total, usNet, frNet: net.fr, nowhereNet: net.nowhere, variants, membership }
}

const csvOf = async (agent: Awaited<ReturnType<typeof signedInStaff>>['agent'], chart: string, query: string) => {
  const response = await agent.get(`/admin/analytics/export.csv?chart=${chart}&${query}`)
  return response.text.trim().split('\r\n')
}

test.group('Admin | analytics customers, countries and variants', () => {
  test('every new chart has its table, chart data and CSV with the day’s figures', async ({ assert }) => {
    const { currency, us, fr, nowhere, usNet, frNet, nowhereNet, variants, membership } = await customersToday()
    const { agent } = await signedInStaff('analyst')
    const query = `range=today&currency=${currency}`
    const page = await agent.get(`/admin/analytics?${query}`)
    assert.equal(page.status, 200)
    const today = storeToday()
    const text = page.text.replace(/\u00a0/g, ' ')
    for (const id of ['variants', 'collections', 'refunds', 'countries', 'customers', 'cohorts', 'values', 'funnel']) {
      assert.include(text, `id="analytics-${id}-table"`, `${id} table`)
    }

    // countries, largest net first; the refund comes off the US
    const money = (minor: number) => (minor / 100).toFixed(2)
    const countries = await csvOf(agent, 'countries', query)
    assert.equal(countries[0], 'country,currency,orders,total_sales,refunds,net_sales')
    const rows = Object.fromEntries(countries.slice(1).map((line) => [line.split(',')[0], line]))
    assert.equal(rows.US, `US,${currency},2,${money(us)},5.00,${money(usNet)}`)
    assert.equal(rows.FR, `FR,${currency},1,${money(fr)},0.00,${money(frNet)}`)
    assert.equal(rows.ZZ, `ZZ,${currency},1,${money(nowhere)},0.00,${money(nowhereNet)}`)
    assert.include(text, 'No shipping address')
    assert.include(text, '<th scope="row">United States (US)</th>', 'the table names the country, its code beside it')
    assert.include(text, '<th scope="row">France (FR)</th>')

    // variants: titled by product and variant
    const variantsCsv = await csvOf(agent, 'variants', query)
    assert.equal(variantsCsv[0], 'product_id,variant_id,variant,currency,units,revenue')
    assert.include(variantsCsv.join('\n'), `${variants[0].title} — `)
    // the same units whether summed per product or per variant
    const unitsIn = (lines: string[], column: number) => lines.slice(1).reduce((sum, line) => sum + Number(line.split(',').at(column)), 0)
    const productsCsv = await csvOf(agent, 'products', query)
    assert.equal(unitsIn(productsCsv, -2), unitsIn(variantsCsv, -2))
    assert.isAbove(unitsIn(productsCsv, -2), 3)

    // collections: each holds the units of its one product
    const collections = await csvOf(agent, 'collections', query)
    assert.equal(collections[0], 'collection_id,collection,currency,units,revenue')
    const byProduct = new Map<number, number>()
    for (const line of productsCsv.slice(1)) byProduct.set(Number(line.split(',')[0]), Number(line.split(',').at(-2)))
    for (const [productId, collectionId] of membership) {
      const row = collections.find((line) => line.startsWith(`${collectionId},`))
      if (byProduct.get(productId)) assert.equal(Number(row!.split(',').at(-2)), byProduct.get(productId))
      else assert.isUndefined(row)
    }

    // refunds per day
    assert.deepEqual((await csvOf(agent, 'refunds', query)).slice(0, 2), ['day,currency,refunds,cancelled_orders', `${today},${currency},5.00,0`])

    // customers: three paid today (other tests' customers may have paid too, never fewer)
    const [, customersRow] = await csvOf(agent, 'customers', query)
    const [day, fresh] = customersRow.split(',')
    assert.equal(day, today)
    assert.isAtLeast(Number(fresh), 3)

    // lifetime values in this currency: exactly our three customers, each in a bucket by what they kept
    const values = await csvOf(agent, 'values', query)
    assert.equal(values[0], 'lifetime_value_from,lifetime_value_to,currency,customers')
    assert.equal(
      values.slice(1).reduce((sum, line) => sum + Number(line.split(',')[3]), 0),
      3
    )
    const json = JSON.parse(/id="analytics-chart-data">(.*?)<\/script>/s.exec(page.text)![1])
    assert.equal(json.values.customers.reduce((a: number, b: number) => a + b, 0), 3)
    assert.deepEqual(json.countries.labels.slice().sort(), ['France (FR)', 'No shipping address', 'United States (US)'])

    // cohorts: this month's cohort exists and is listed with its size
    const cohorts = await csvOf(agent, 'cohorts', query)
    assert.match(cohorts[0], /^cohort,customers,month_1_pct,/)
    assert.isTrue(cohorts.some((line) => line.startsWith(`${today.slice(0, 7)},`)))
  }).timeout(60_000)

  test('an unknown chart is refused: back to the dashboard, which says why', async ({ assert }) => {
    const { agent } = await signedInStaff('analyst')
    const response = await agent.get('/admin/analytics/export.csv?chart=secrets')
    assert.equal(response.status, 302)
    assert.equal(response.location, '/admin/analytics')
    assert.notInclude(response.headers.get('content-type') ?? '', 'text/csv')
    const dashboard = await agent.get(response.location!)
    assert.equal(dashboard.status, 200)
    assert.include(dashboard.text, 'There is no “secrets” chart to export. The charts are: sales, products, variants,')
  })
})
