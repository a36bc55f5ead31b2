import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright-core'
import Role from '#models/role'
import { dbTimestamp } from '#services/db_time'
import InviteStaff from '#actions/staff/invite_staff'
import { DiscountFactory } from '#database/factories/discount_factory'
import { ProductFactory } from '#database/factories/product_factory'
import { TaxRateFactory } from '#database/factories/tax_rate_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { uniqueEmail } from '#tests/helpers/accounts'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import CreateStockLocation from '#plugins/inventory/actions/create_stock_location'
import { closeBrowser, launchBrowser } from '#tests/helpers/browser'
import { contextAt, horizontalOverflow, screenshotPath, seriousAxeViolations } from '#tests/helpers/page_checks'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { StaffUserFactory } from '#database/factories/staff_user_factory'

/*
| The back-office lists that used to scroll sideways on a phone (inventory,
| low stock, locations, staff, discounts, tax rates, emails, audit log) turn each row
| into a card of labelled values, as orders and products do (.table--stack);
| the product editor's variants grid fits the main column at 1366 px and
| shows each variant as a card on a phone. A table box that scrolls hides
| columns without widening the page, so the crawl's page-overflow check
| cannot see it: this spec measures every element inside main.
*/

/** Elements inside main reaching past the device's edges, scrolled boxes included, and table boxes that scroll. */
async function cutOff(page: Page, width: number) {
  return page.evaluate((deviceWidth) => {
    const document = (globalThis as any).document
    const main = document.querySelector('main')
    const name = (element: any) => `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${element.dataset.label ? `[${element.dataset.label}]` : ''}`
    const outside: string[] = []
    for (const element of Array.from(main.querySelectorAll('*')) as any[]) {
      // visually-hidden text is clipped to a pixel: not something a merchant is shown
      if (element.closest('.visually-hidden')) continue
      // a closed <details> keeps laid-out boxes for its hidden content (the staff
      // list's role form sat at 295–422 px once a long role name pushed its fold right)
      if (!element.checkVisibility()) continue
      const box = element.getBoundingClientRect()
      if (box.width > 0 && (box.left < -1 || box.right > deviceWidth + 1)) outside.push(`${name(element)} (${Math.round(box.left)}–${Math.round(box.right)})`)
    }
    const scrolling = (Array.from(main.querySelectorAll('.table-scroll, table')) as any[])
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => `${name(box)} ${box.scrollWidth} > ${box.clientWidth}`)
    return { outside: outside.slice(0, 6), scrolling }
  }, width)
}

/** The label a phone shows beside the first row's cells: what the ::before of each data-label cell renders. */
async function shownLabels(page: Page) {
  return page.evaluate(() => {
    const view = globalThis as any
    const row = view.document.querySelector('main table tbody tr')
    if (!row) return []
    return (Array.from(row.querySelectorAll('td[data-label]')) as any[])
      .filter((cell) => cell.getBoundingClientRect().height > 0)
      .map((cell) => view.getComputedStyle(cell, '::before').content.replace(/^"|"$/g, ''))
  })
}

test.group('Admin | lists that fit a phone', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('inventory, low stock, locations, staff, discounts, tax rates, emails, audit log and variants: cards on a phone, nothing cut off at 390 or 1366 px', async ({ assert }) => {
    const suffix = uniqueSuffix()
    const product = await ProductFactory.merge({ title: `Enamel mug with a long name ${suffix}` })
      .with('variants', 3, (variants) =>
        variants.merge([0, 1, 2].map((index) => ({ sku: `MUG-LONG-SKU-${suffix}-${index}`.toUpperCase(), barcode: `400638133393${index}`, weightGrams: 1250 })))
      )
      .create()
    const inventory = await app.container.make(InventoryPort)
    for (const variant of product.variants) await inventory.adjust({ variantId: variant.id, delta: 12, reason: 'received' })
    // the first variant falls below its threshold, so the low-stock list has a row
    await db.from('inventory_levels').where('variant_id', product.variants[0].id).update({ low_stock_threshold: 3, updated_at: dbTimestamp() })
    await inventory.adjust({ variantId: product.variants[0].id, delta: -10, reason: 'damaged' })
    await DiscountFactory.merge({ code: `SPRING-${suffix}`.toUpperCase(), usageLimit: 100, perCustomerLimit: 1 }).create()
    await TaxRateFactory.merge({ region: 'A region with a long name', name: 'Value added tax' }).create()
    await (await app.container.make(CreateStockLocation)).handle({ name: `Back room ${suffix}`, code: undefined }, { type: 'cli' })
    // the longest role name, so the staff list's "Change" fold sits furthest right
    await StaffUserFactory.apply('catalog_manager').create()

    const failures: string[] = []
    for (const width of [390, 1366]) {
      const context = await contextAt(await launchBrowser(), width)
      const page = await context.newPage()
      page.setDefaultTimeout(20_000)
      const owner = await signInInBrowser(page, 'owner')
      if (width === 390) {
        // an invitation (with its audit entry and its email) shows the row actions too
        const role = await Role.findByOrFail('slug', 'catalog_manager')
        await new InviteStaff().handle({ email: uniqueEmail('invitee'), roleId: role.id }, { type: 'staff', id: owner.id, name: owner.fullName })
      }
      for (const [name, path, firstLabels] of [
        ['inventory', '/admin/inventory', ['Product', 'Variant', 'SKU']],
        ['low-stock', '/admin/inventory/low-stock', ['Product', 'Variant', 'SKU']],
        ['locations', '/admin/inventory/locations', ['Name', 'Code', 'Units on hand']],
        ['staff', '/admin/staff', ['Name', 'Email', 'Role']],
        ['discounts', '/admin/discounts', ['Code', 'Discount', 'Used']],
        ['tax-rates', '/admin/tax-rates', ['Country', 'Region', 'Name']],
        ['emails', '/admin/emails', ['Date', 'To', 'Subject']],
        ['audit', '/admin/audit', ['When', 'Who', 'Action']],
        ['variants', `/admin/products/${product.id}/edit`, ['SKU', 'Price', 'Compare at']],
      ] as const) {
        await page.goto(path)
        const where = `${name} at ${width}`
        const { scrollWidth, culprits } = await horizontalOverflow(page, width)
        if (scrollWidth > width) failures.push(`${where}: page ${scrollWidth} px wide; ${culprits.join('; ')}`)
        const { outside, scrolling } = await cutOff(page, width)
        if (outside.length) failures.push(`${where}: past the edge: ${outside.join('; ')}`)
        if (scrolling.length) failures.push(`${where}: scrolls sideways: ${scrolling.join('; ')}`)
        for (const violation of await seriousAxeViolations(page)) failures.push(`${where}: axe ${violation}`)
        // on a phone each row is a card whose cells carry their column's name; on a desktop it is a table row under its headings
        const labels = (await shownLabels(page)).filter((label) => label !== 'none')
        const expected = width === 390 ? firstLabels.join(', ') : ''
        if (labels.slice(0, 3).join(', ') !== expected) failures.push(`${where}: the first row's labels are "${labels.slice(0, 3).join(', ')}", not "${expected}"`)
        await page.screenshot({ path: screenshotPath(`admin-cards-${name}`, width), fullPage: true })
        if (name === 'staff') {
          // an opened role fold (select and button) stays inside the card too
          await page.evaluate(() => (globalThis as any).document.querySelectorAll('details.role-change').forEach((fold: any) => (fold.open = true)))
          const opened = await cutOff(page, width)
          if (opened.outside.length) failures.push(`${where}, role folds open: past the edge: ${opened.outside.join('; ')}`)
        }
      }

      // the row's main link and its actions are in reach on the card
      await page.goto('/admin/staff')
      assert.isTrue(await page.getByRole('button', { name: /^Resend/ }).first().isVisible())
      await page.goto('/admin/inventory/locations')
      assert.isTrue(await page.getByRole('button', { name: 'Deactivate' }).first().isVisible())
      await page.goto('/admin/discounts')
      assert.isTrue(await page.getByRole('link', { name: `SPRING-${suffix}`.toUpperCase() }).isVisible())
      await context.close()
    }
    assert.deepEqual(failures, [])
  }).timeout(300_000)
})
