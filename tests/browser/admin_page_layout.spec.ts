import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import runtime from '#config/runtime'
import ProductImage from '#models/product_image'
import { ProductFactory } from '#database/factories/product_factory'
import { CustomerFactory } from '#database/factories/customer_factory'
import { renderPlaceholders } from '#database/seeders/demo/placeholder_images'
import { paidOrder } from '#tests/helpers/admin_orders'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { closeBrowser, launchBrowser, htmxReady } from '#tests/helpers/browser'
import { jpegImage, pngImage } from '#tests/helpers/images'
import { checkPage, contextAt, CRAWL_WIDTHS, crawlWidths, screenshotPath } from '#tests/helpers/page_checks'

/*
| The back-office's Polaris-like layout: two columns on a wide screen and
| one on a phone (order page, product editor), lists whose cells a phone
| shows whole, the orders list's bulk bar on selection, and the product
| editor's picture order by drag and drop or keyboard.
*/

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox()
  if (!found) throw new Error(`${selector} is not shown`)
  return found
}

async function pagesAt(width: number) {
  const context = await contextAt(await launchBrowser(), width)
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  const consoleErrors: string[] = []
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()))
  await signInInBrowser(page, 'owner')
  return { context, page, consoleErrors }
}

test.group('Admin | two-column pages in the browser', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('order page and product editor: work on the left and facts beside it from 1024 px, one column below; nothing wider than a phone', async ({ assert }) => {
    const { order } = await paidOrder()
    const product = await ProductFactory.with('variants', 2).create()
    const failures = await crawlWidths(CRAWL_WIDTHS, async (width) => {
      const found: string[] = []
      const { context, page } = await pagesAt(width)
      // the lists whose rows become cards on phones are checked here too, as the full crawl does for every page
      for (const path of ['/admin/orders', '/admin/products', '/admin/customers', '/admin/products/new']) {
        await page.goto(path)
        found.push(...(await checkPage(page, `admin-layout-list${path.replaceAll('/', '-')}`, width)))
      }
      for (const [name, url] of [['orders-show', `/admin/orders/${order.id}`], ['products-edit', `/admin/products/${product.id}/edit`]]) {
        await page.goto(url)
        const main = await box(page, '.page-layout__main')
        const aside = await box(page, '.page-layout__aside')
        const after = await box(page, '.page-layout__after')
        if (width >= 1024) {
          assert.isAbove(aside.x, main.x + main.width - 1, `${name}: the aside is to the right of the main column`)
          assert.isBelow(Math.abs(aside.y - main.y), 2, `${name}: both columns start at the top`)
          assert.isBelow(Math.abs(after.x - main.x), 2, `${name}: the rest of the work continues in the left column`)
          assert.isBelow(after.x + after.width, aside.x + 1)
        } else {
          assert.isBelow(Math.abs(aside.x - main.x), 2, `${name}: one column on a phone`)
          assert.isAtLeast(aside.y, main.y + main.height - 1)
          assert.isAtMost(aside.x + aside.width, width)
        }
        found.push(...(await checkPage(page, `admin-layout-${name}`, width)))
      }

      // the order's main tasks are in reach from the top of the page
      await page.goto(`/admin/orders/${order.id}`)
      const fulfil = await box(page, '.admin-page-header a[href="#fulfill-heading"]')
      assert.isBelow(fulfil.y, 400)

      // the product editor's save bar stays in the window; typing says there are unsaved changes
      await page.goto(`/admin/products/${product.id}/edit`)
      const viewport = page.viewportSize()!
      const bar = await box(page, '.save-bar')
      assert.isAtMost(bar.y + bar.height, viewport.height + 1, 'the save bar is on screen at the top of a long form')
      assert.isFalse(await page.getByText('Unsaved changes').isVisible())
      await page.getByLabel('Title', { exact: true }).fill('A new title')
      assert.isTrue(await page.getByText('Unsaved changes').isVisible())
      await context.close()
      return found
    })
    assert.deepEqual(failures, [])
  }).timeout(300_000)

  test('staff who may only read see why above the editor, not under it', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const context = await contextAt(await launchBrowser(), 1366)
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    await signInInBrowser(page, 'analyst')
    await page.goto(`/admin/products/${product.id}/edit`)
    const note = await box(page, '[data-read-only-note]')
    const main = await box(page, '.page-layout__main')
    assert.isAtMost(note.y + note.height, main.y)
    assert.equal(await page.locator('.save-bar').count(), 0)
    await context.close()
  }).timeout(60_000)

  test('a phone shows every cell of the orders, products and customers lists (rows become cards)', async ({ assert }) => {
    await paidOrder()
    await ProductFactory.with('variants', 1).createMany(2)
    await CustomerFactory.createMany(2)
    const { context, page } = await pagesAt(390)
    for (const path of ['/admin/orders', '/admin/products', '/admin/customers']) {
      await page.goto(path)
      const cut = await page.evaluate((deviceWidth) => {
        const document = (globalThis as any).document
        const cells = Array.from(document.querySelectorAll('.admin-main table tbody td')) as any[]
        const outside = cells.filter((cell) => {
          const rect = cell.getBoundingClientRect()
          return rect.width > 0 && (rect.left < -1 || rect.right > deviceWidth + 1)
        })
        const scrolled = (Array.from(document.querySelectorAll('.admin-main .table-scroll')) as any[]).filter((region) => region.scrollWidth > region.clientWidth + 1)
        return { cells: cells.length, outside: outside.map((cell) => cell.dataset.label ?? cell.className), scrolled: scrolled.length }
      }, 390)
      assert.isAbove(cut.cells, 0, path)
      assert.deepEqual(cut.outside, [], `${path}: cells cut off`)
      assert.equal(cut.scrolled, 0, `${path}: a list scrolls sideways`)
    }
    await context.close()
  }).timeout(120_000)

  test('the orders list shows its bulk bar only with a selection; without JavaScript it is a plain form', async ({ assert }) => {
    const tag = `bulkbar${Date.now()}`
    const a = await paidOrder({ email: `${tag}-a@example.com` })
    await paidOrder({ email: `${tag}-b@example.com` })
    const { context, page, consoleErrors } = await pagesAt(1366)
    await page.goto(`/admin/orders?q=${tag}`)
    await htmxReady(page)
    const bar = page.locator('#bulk-fulfill')
    assert.isFalse(await bar.isVisible(), 'hidden until an order is ticked')
    await page.getByLabel(`Select order #${a.order.number}`).check()
    assert.isTrue(await bar.isVisible())
    assert.equal((await bar.locator('[data-bulk-count]').textContent())?.trim(), '1 selected')
    await page.getByLabel('Select all orders on this page').check()
    assert.equal((await bar.locator('[data-bulk-count]').textContent())?.trim(), '2 selected')
    await page.getByLabel('Select all orders on this page').uncheck()
    assert.isFalse(await bar.isVisible())
    assert.deepEqual(consoleErrors, [])
    await context.close()

    const noScript = await (await launchBrowser()).newContext({ baseURL: page.url().split('/admin')[0], javaScriptEnabled: false })
    const plain = await noScript.newPage()
    await signInInBrowser(plain, 'owner')
    await plain.goto(`/admin/orders?q=${tag}`)
    assert.isTrue(await plain.locator('#bulk-fulfill').isVisible(), 'shown without JavaScript')
    assert.isTrue(await plain.getByRole('button', { name: 'Fulfil selected' }).isVisible())
    await noScript.close()
  }).timeout(120_000)
})

test.group('Admin | picture order in the browser', (group) => {
  group.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('the first photo of a product with only the demo drawing is main; dragging and the keyboard change the order', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const [drawn] = await renderPlaceholders(runtime.uploadsDir, [{ productId: product.id, title: product.title, caption: null, hue: 200 }])
    const placeholder = await ProductImage.create({ productId: product.id, storageKey: drawn.storageKey, width: drawn.width, height: drawn.height, position: 1, status: 'ready' })
    const order = async () => (await ProductImage.query().where('product_id', product.id).orderBy('position')).map((image) => image.id)
    const { context, page, consoleErrors } = await pagesAt(1366)
    const cspViolations: string[] = []
    page.on('console', (message) => /Content Security Policy/i.test(message.text()) && cspViolations.push(message.text()))
    await page.goto(`/admin/products/${product.id}/edit`)
    await htmxReady(page)

    await page.getByLabel('Add images').setInputFiles([{ name: 'front.jpg', mimeType: 'image/jpeg', buffer: await jpegImage(600, 400) }])
    await page.getByRole('button', { name: 'Upload' }).click()
    await page.locator('#images').getByText(/^1 image(\(s\))? added$/).waitFor()
    const [photo] = await order()
    assert.notEqual(photo, placeholder.id)
    assert.deepEqual(await order(), [photo, placeholder.id])
    assert.equal((await page.locator('.image-item').first().getAttribute('id')), `image-${photo}`)
    assert.include(await page.locator('.image-item').first().textContent(), 'Main image')

    await page.getByLabel('Add images').setInputFiles([{ name: 'side.png', mimeType: 'image/png', buffer: await pngImage(300, 300) }])
    await page.getByRole('button', { name: 'Upload' }).click()
    await page.locator('.image-item').nth(2).waitFor()
    const [, side] = await order()
    assert.deepEqual(await order(), [photo, side, placeholder.id])

    // drag the second photo by its handle onto the top half of the first: it becomes the main picture
    const handle = page.locator(`#image-${side} [data-drag-handle]`)
    assert.isTrue(await handle.isVisible(), 'admin.js shows the drag handles')
    await handle.dragTo(page.locator(`#image-${photo}`), { targetPosition: { x: 20, y: 5 } })
    await page.locator('#images').getByText('Image order saved').waitFor()
    assert.deepEqual(await order(), [side, photo, placeholder.id])
    assert.equal(await page.locator('.image-item').first().getAttribute('id'), `image-${side}`)

    // the keyboard: the move buttons, posted by htmx in place
    await page.getByRole('button', { name: 'Move down (image 1)' }).focus()
    await page.keyboard.press('Enter')
    await page.locator(`.image-item:first-child#image-${photo}`).waitFor()
    assert.deepEqual(await order(), [photo, side, placeholder.id])

    await page.screenshot({ path: screenshotPath('admin-layout-product-images', 1366), fullPage: true })
    assert.deepEqual(consoleErrors, [])
    assert.deepEqual(cspViolations, [])
    await context.close()
  }).timeout(120_000)
})
