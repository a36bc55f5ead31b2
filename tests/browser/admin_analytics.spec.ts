import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { browserSessions } from '#tests/helpers/browser'
import { settleOutbox } from '#tests/helpers/outbox'
import { buyers, catalog, collectionsOver, pay, placeOrder, randomSource, refund, testCurrency } from '#tests/plugins/analytics/seeded_store'
import { storefrontTraffic } from '#services/storefront_traffic'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/*
| What only a browser can show: Chart.js, served from /vendor, draws every
| chart from the page's JSON block under the admin CSP, with no errors.
*/
test.group('Analytics | dashboard in the browser', (group) => {
  const session = browserSessions(group, { before: clearRateLimits, timeoutMs: 10_000 })

  test('a seeded store’s dashboard draws its charts from local Chart.js', async ({ assert }) => {
    const currency = testCurrency()
    const variants = await catalog(2)
    const random = randomSource(3)
    const people = await buyers(currency)
    await collectionsOver(variants)
    let last
    for (let daysAgo = 0; daysAgo < 5; daysAgo++) {
      const at = DateTime.now().minus({ days: daysAgo })
      last = await placeOrder(random, variants, currency, at, people[daysAgo % 3])
      await pay(last, at)
    }
    await refund(last!, 100, DateTime.now())
    storefrontTraffic.count('visits', 40)
    storefrontTraffic.count('carts', 9)
    storefrontTraffic.count('checkouts', 6)
    await storefrontTraffic.flush()
    await settleOutbox(30_000)

    const { page, consoleErrors, cspViolations } = session()
    await signInInBrowser(page, 'analyst')

    await page.goto(`/admin/analytics?range=7d&currency=${currency}`)
    // a function, not a string: the page's CSP forbids eval, which a string predicate needs
    // (globalThis: this file is compiled without the DOM types)
    await page.waitForFunction(() => (globalThis as any).document.documentElement.dataset.analyticsCharts === 'drawn')
    // a string: this file is compiled without the DOM types
    const charts = ['sales', 'products', 'variants', 'collections', 'refunds', 'countries', 'customers', 'values', 'funnel']
    const drawn = await page.evaluate(`${JSON.stringify(charts)}.map((id) => {
      const instance = window.Chart.getChart('analytics-' + id + '-chart')
      return instance ? { type: instance.config.type, points: instance.data.datasets[0].data.length } : null
    })`)
    assert.deepEqual(drawn, [
      { type: 'line', points: 7 },
      { type: 'bar', points: 2 },
      { type: 'bar', points: 4 },
      { type: 'bar', points: 2 },
      { type: 'bar', points: 7 },
      { type: 'bar', points: 3 },
      { type: 'bar', points: 7 },
      { type: 'bar', points: 8 },
      { type: 'bar', points: 4 },
    ])
    assert.equal(await page.locator('#analytics-sales-table tbody tr').count(), 7)
    assert.isAtLeast(await page.locator('#analytics-cohorts-table tbody tr').count(), 1)
    const funnel = await page.locator('#analytics-funnel-table tbody tr').allInnerTexts()
    assert.match(funnel[0], /^Visits\s+\d+/)

    // colours come from the scheme's tokens, and the charts are drawn again when the scheme changes
    const colours = () => page.evaluate(`[window.Chart.getChart('analytics-sales-chart').data.datasets[0].borderColor, window.Chart.defaults.color]`)
    assert.deepEqual(await colours(), ['#1a56b0', '#525a64'])
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForFunction(
      () => (globalThis as any).Chart.getChart('analytics-sales-chart').data.datasets[0].borderColor === '#8ab4f8'
    )
    assert.deepEqual(await colours(), ['#8ab4f8', '#a9b1bb'])
    await page.emulateMedia({ colorScheme: 'light' })
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  }).timeout(90_000)
})
