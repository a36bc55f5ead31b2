import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { ProductFactory } from '#database/factories/product_factory'
import { CustomerFactory } from '#database/factories/customer_factory'
import { DiscountFactory } from '#database/factories/discount_factory'
import { ShippingZoneFactory } from '#database/factories/shipping_factory'
import { TaxRateFactory } from '#database/factories/tax_rate_factory'
import { uniqueSuffix } from '#database/factories/unique'
import Collection from '#models/collection'
import OutboxEvent from '#models/outbox_event'
import Role from '#models/role'
import StartBulkFulfillment from '#actions/orders/start_bulk_fulfillment'
import SubscribeToNewsletter from '#actions/newsletter/subscribe_to_newsletter'
import SaveStoreSettings from '#actions/settings/save_store_settings'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'
import { paidOrder } from '#tests/helpers/admin_orders'
import { settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { baseUrl, closeBrowser, launchBrowser } from '#tests/helpers/browser'
import { checkPage, contextAt, CRAWL_WIDTHS, crawlWidths, SITE_CRAWL_ONCE } from '#tests/helpers/page_checks'

/*
| Every back-office page an owner can open, walked from the route table (a
| new admin page is crawled without editing this file), at phone, tablet
| and desktop widths: nothing wider than the device, no serious or
| critical axe-core finding, and a full-page screenshot for review in
| tmp/screenshots/admin-<route>-<width>.png.
*/

/** Admin GET routes that are not pages: downloads, htmx fragments, printouts, guest pages. */
const NOT_PAGES = new Set([
  'admin.login', // guests only: an owner is sent to the dashboard
  'admin.invitations.show', // guests only
  'admin.collections.picker', // an htmx fragment inside the collection form
  'admin.orders.packing_slip', // a printout with its own print stylesheet
])

async function seedPages() {
  const { order, lines } = await paidOrder()
  await settleOutbox()
  const product = await ProductFactory.with('variants', 2).create()
  const customer = await CustomerFactory.with('addresses', 1).create()
  const collection = await Collection.create({ handle: `crawl-${uniqueSuffix()}`, title: 'Crawl shelf', kind: 'manual', sortOrder: 'manual', published: true })
  const discount = await DiscountFactory.create()
  const taxRate = await TaxRateFactory.create()
  const zone = await ShippingZoneFactory.with('methods', 1).create()
  const role = await Role.query().orderBy('id').firstOrFail()
  const event = await OutboxEvent.query().orderBy('id', 'desc').firstOrFail()
  const email = (await NotificationMessage.query().orderBy('id', 'desc').first()) ?? (await new OutboxNotifier().send({ to: 'crawl@example.com', subject: 'Crawl', html: '<p>Hi</p>', text: 'Hi' }))
  const bulk = await (await app.container.make(StartBulkFulfillment)).handle({ orderIds: [order.id] }, {}, { type: 'system' }, { queue: false })
  // the subscribers list with rows, and the policies editor with text
  await (await app.container.make(SubscribeToNewsletter)).handle({ email: `crawl-${uniqueSuffix()}@example.com`, source: 'footer' })
  await (await app.container.make(SaveStoreSettings)).handle('policies', { refund_policy: 'Thirty days to return anything unused.' }, { type: 'system' })

  /** Route params per route name; a route with params and no entry here fails the crawl, so it gets one. */
  const params: Record<string, Record<string, number>> = {
    'admin.products.edit': { id: product.id },
    'admin.orders.show': { id: order.id },
    'admin.customers.show': { id: customer.id },
    'admin.collections.edit': { id: collection.id },
    'admin.discounts.edit': { id: discount.id },
    'admin.tax_rates.edit': { id: taxRate.id },
    'admin.shipping.zones.edit': { id: zone.id },
    'admin.shipping.methods.create': { zoneId: zone.id },
    'admin.shipping.methods.edit': { zoneId: zone.id, id: zone.methods[0].id },
    'admin.roles.edit': { id: role.id },
    'admin.events.show': { id: event.id },
    'admin.emails.show': { id: Number(email.id) },
    'admin.orders.bulk_fulfillments.show': { id: bulk.id },
    'admin.inventory.variant': { id: lines[0].variantId! },
  }
  return params
}

function adminPages(params: Record<string, Record<string, number>>) {
  const routes = Object.values(router.toJSON()).flat()
  return routes
    .filter((route) => route.methods.includes('GET') && route.pattern.startsWith('/admin') && !/\.(csv|json)$/.test(route.pattern))
    .filter((route) => route.name && !NOT_PAGES.has(route.name))
    .map((route) => {
      const name = route.name!
      const needs = route.pattern.includes(':')
      if (needs && !params[name]) throw new Error(`The admin crawl has no params for ${name} (${route.pattern}): add them to seedPages()`)
      return { name, url: router.makeUrl(name, params[name] ?? {}) }
    })
}

test.group('Admin | every page at phone, tablet and desktop widths', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('no horizontal overflow and no serious axe violations on any admin page', async ({ assert }) => {
    const pages = adminPages(await seedPages())
    assert.isAbove(pages.length, 30)
    // pages reached from Settings are in the route table, so in the crawl
    assert.includeMembers(pages.map((page) => page.url), ['/admin/settings', '/admin/settings/home'])
    const browser = await launchBrowser()
    const failures = await crawlWidths(CRAWL_WIDTHS, async (width) => {
      const found: string[] = []
      const context = await contextAt(browser, width)
      const page = await context.newPage()
      page.setDefaultTimeout(20_000)
      await signInInBrowser(page, 'owner')
      for (const { name, url } of pages) {
        const response = await page.goto(url)
        if (response?.status() !== 200) {
          found.push(`${name} at ${width}: status ${response?.status()}`)
          continue
        }
        found.push(...(await checkPage(page, `admin-${name.replace(/^admin\./, '').replaceAll('.', '-')}`, width)))
      }
      await context.close()
      return found
    })
    assert.deepEqual(failures, [])
  })
    .timeout(900_000)
    .skip(SITE_CRAWL_ONCE.skip, SITE_CRAWL_ONCE.reason)
})

test.group('Admin | phone shell and list selection in the browser', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('the menu drawer holds the navigation on a phone; the bulk bar shows only with a selection', async ({ assert }) => {
    await ProductFactory.with('variants', 1).createMany(2)
    const context = await contextAt(await launchBrowser(), 390)
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    await signInInBrowser(page, 'owner')

    // the sidebar is not shown on a phone; the menu button opens the same links in a drawer
    assert.isFalse(await page.locator('.admin-sidebar').isVisible())
    await page.getByLabel('Menu').click()
    assert.isTrue(await page.locator('#admin-menu').getByRole('button', { name: 'Dark mode' }).isVisible(), 'the scheme switch moves into the menu')
    await page.locator('#admin-menu').getByRole('link', { name: 'Products' }).click()
    await page.waitForURL('**/admin/products')

    const bar = page.locator('#bulk-form')
    assert.isFalse(await bar.isVisible(), 'hidden until a row is ticked')
    const rows = page.locator('input[form="bulk-form"][name="ids[]"]')
    await rows.first().check()
    assert.isTrue(await bar.isVisible())
    assert.equal((await page.locator('[data-bulk-count]').textContent())?.trim(), '1 selected')
    const all = page.getByLabel('Select all products on this page')
    assert.isTrue(await page.evaluate(() => (globalThis as any).document.querySelector('[data-select-all]').indeterminate))
    await all.check()
    const total = await rows.count()
    assert.equal((await page.locator('[data-bulk-count]').textContent())?.trim(), `${total} selected`)
    await all.uncheck()
    assert.isFalse(await bar.isVisible())
    await context.close()
  }).timeout(120_000)
})

test.group('Admin | command palette in the browser', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('Ctrl-K opens it; an order number, the arrow keys and Enter go to the order; Esc closes it', async ({ assert }) => {
    const { order } = await paidOrder()
    const context = await contextAt(await launchBrowser(), 1366)
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    const consoleErrors: string[] = []
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()))
    await signInInBrowser(page, 'owner')

    await page.keyboard.press('Control+k')
    const dialog = page.getByRole('dialog', { name: 'Go to' })
    await dialog.waitFor()
    const input = page.getByRole('combobox', { name: 'Page, order number, product or customer' })
    assert.isTrue(await input.evaluate((element) => element === (globalThis as any).document.activeElement))
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    await page.getByRole('button', { name: 'Search' }).click()
    await input.fill('orders')
    await page.getByRole('option', { name: /^Orders/ }).waitFor()
    await input.fill(String(order.number))
    const option = page.getByRole('option', { name: new RegExp(`Order #${order.number}`) })
    await option.waitFor()
    assert.equal(await option.getAttribute('aria-selected'), 'true')
    assert.equal(await input.getAttribute('aria-activedescendant'), await option.getAttribute('id'))
    assert.equal(await input.getAttribute('aria-expanded'), 'true')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    await Promise.all([page.waitForURL(`**/admin/orders/${order.id}`), page.keyboard.press('Enter')])
    assert.deepEqual(consoleErrors, [])
    await context.close()
  }).timeout(120_000)
})

test.group('Admin | colour scheme in the browser', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('a dark device gets the dark admin; "Light mode" wins over it from the first paint', async ({ assert }) => {
    const context = await (await launchBrowser()).newContext({ baseURL: baseUrl(), colorScheme: 'dark', viewport: { width: 1366, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    await signInInBrowser(page, 'owner')
    // the token as written in the (minified) sheet, with #fff spelled out as #ffffff
    const background = async () => {
      const value: string = await page.evaluate(() => (globalThis as any).getComputedStyle((globalThis as any).document.querySelector('.admin-main')).getPropertyValue('--color-bg').trim())
      return /^#[0-9a-f]{3}$/i.test(value) ? '#' + [...value.slice(1)].map((digit) => digit + digit).join('') : value
    }
    assert.equal(await background(), '#111418')

    await page.getByRole('button', { name: 'Dark mode' }).click()
    await page.getByRole('button', { name: 'Light mode' }).click()
    await page.getByRole('button', { name: 'Device theme' }).waitFor()
    // the server renders the choice (the dark sheet's media), so no script decides it after the first paint
    await page.goto('/admin/styleguide')
    assert.equal(await background(), '#ffffff')
    await context.close()
  }).timeout(60_000)
})

test.group('Admin | product variants grid in the browser', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('each variant is one row: SKU, price, compare-at and stock side by side under their headings', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 2).create()
    const [variant] = product.variants
    const context = await contextAt(await launchBrowser(), 1366)
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    await signInInBrowser(page, 'owner')
    await page.goto(`/admin/products/${product.id}/edit`)

    const box = async (label: string) => (await page.getByLabel(`${label} of ${variant.title}`, { exact: true }).boundingBox())!
    const heading = async (name: string) => (await page.locator('.variants-table thead th', { hasText: new RegExp(`^${name}$`) }).boundingBox())!
    const [sku, price, compareAt, track] = [await box('SKU'), await box('Price'), await box('Compare-at price'), await box('Track stock')]
    assert.isBelow(Math.abs(sku.y - price.y), 8, 'price sits beside the SKU, not under it')
    assert.isAbove(price.x, sku.x + sku.width - 1)
    assert.isAbove(compareAt.x, price.x + price.width - 1)
    for (const [input, name] of [[price, 'Price'], [track, 'Track stock']] as const) {
      const column = await heading(name)
      const middle = input.x + input.width / 2
      assert.isTrue(middle >= column.x && middle <= column.x + column.width, `${name} input under its heading`)
    }
    await context.close()
  }).timeout(60_000)
})
