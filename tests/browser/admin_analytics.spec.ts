import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import limiter from '@adonisjs/limiter/services/main'
import runtime from '#config/runtime'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { closeBrowser, newSession, type BrowserSession } from '#tests/helpers/browser'
import { settleOutbox } from '#tests/helpers/outbox'
import { catalog, pay, placeOrder, randomSource, testCurrency } from '#tests/plugins/analytics/seeded_store'

/*
| What only a browser can show: Chart.js, served from /vendor, draws both
| charts from the page's JSON block under the admin CSP, with no errors.
*/
test.group('Analytics | dashboard in the browser', (group) => {
  let session: BrowserSession | undefined

  group.each.setup(async () => {
    await limiter.clear([runtime.redis ? 'redis' : 'memory'])
    session = await newSession()
    session.page.setDefaultTimeout(10_000)
    return () => session?.context.close()
  })
  group.teardown(() => closeBrowser())

  test('a seeded store’s dashboard draws its charts from local Chart.js', async ({ assert }) => {
    const currency = testCurrency()
    const variants = await catalog(2)
    const random = randomSource(3)
    for (let daysAgo = 0; daysAgo < 5; daysAgo++) {
      const at = DateTime.now().minus({ days: daysAgo })
      await pay(await placeOrder(random, variants, currency, at), at)
    }
    await settleOutbox(30_000)

    const { page, consoleErrors, cspViolations } = session!
    await signInInBrowser(page, 'analyst')

    await page.goto(`/admin/analytics?range=7d&currency=${currency}`)
    await page.waitForFunction("document.documentElement.dataset.analyticsCharts === 'drawn'")
    // a string: this file is compiled without the DOM types
    const drawn = await page.evaluate(`['analytics-sales-chart', 'analytics-products-chart'].map((id) => {
      const instance = window.Chart.getChart(id)
      return instance ? { type: instance.config.type, points: instance.data.datasets[0].data.length } : null
    })`)
    assert.deepEqual(drawn, [
      { type: 'line', points: 7 },
      { type: 'bar', points: 2 },
    ])
    assert.equal(await page.locator('#analytics-sales-table tbody tr').count(), 7)
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  }).timeout(90_000)
})
