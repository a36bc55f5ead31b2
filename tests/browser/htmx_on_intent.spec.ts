import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { Page } from 'playwright-core'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { browserSessions } from '#tests/helpers/browser'

/*
| Storefront pages load htmx on the shopper's first touch, key, focus or pointer
| (public/js/storefront.js), not with the page: it was the largest script cost of a
| phone's first load. What a shopper does before it arrives is handed to it: these
| tests act at once after the page loads, without waiting for htmx, and expect what
| htmx does (no reload, fragments swapped, the URL pushed).
*/

const inventory = await app.container.make(InventoryPort)

/** A flag on the window: still there afterwards means the page was not reloaded. */
async function markPage(page: Page) {
  await page.evaluate(() => ((globalThis as any).__samePage = true))
}
const samePage = (page: Page) => page.evaluate(() => (globalThis as any).__samePage === true)
const htmxLoaded = (page: Page) => page.evaluate(() => 'htmx' in globalThis)

test.group('Storefront | htmx loads on intent', (group) => {
  const session = browserSessions(group)

  test('a page runs no htmx until the shopper acts; the cart count arrives without it', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1, (variant) => variant.merge({ price: 900 })).create()
    const { page, cspViolations, consoleErrors } = session()

    await page.goto(`/products/${product.handle}`)
    await page.locator('#mini-cart', { hasText: 'Cart, empty' }).waitFor({ timeout: 5000 })
    await page.waitForTimeout(300)
    assert.isFalse(await htmxLoaded(page), 'htmx waits for the shopper')
    assert.equal(await page.locator('script[src*="/vendor/htmx"]').count(), 0)

    await page.locator('#store-search-q').focus()
    await page.waitForFunction(() => 'htmx' in globalThis)
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('Add to cart, a typed search and a ticked filter, done before htmx arrived, are all done by htmx', async ({ assert }) => {
    const run = uniqueSuffix()
    const word = `intentword${run}`
    const vendor = `Intent-${run}`
    const kept = await ProductFactory.merge({ title: `Kept ${word}`, vendor }).with('variants', 1, (variant) => variant.merge({ price: 1250 })).create()
    const dropped = await ProductFactory.merge({ title: `Dropped ${word}`, vendor: `Other-${run}` }).with('variants').create()
    await inventory.adjust({ variantId: kept.variants[0].id, delta: 5, reason: 'received' })
    const { page, cspViolations, consoleErrors } = session()

    // a submit: the add-to-cart form answers in place and opens the cart drawer
    await page.goto(`/products/${kept.handle}`)
    await markPage(page)
    assert.isFalse(await htmxLoaded(page))
    await page.click('.add-to-cart button[type=submit]')
    await page.locator('#add-to-cart-status', { hasText: `Added ${kept.title} to your cart` }).waitFor({ timeout: 5000 })
    await page.locator('#mini-cart', { hasText: 'Cart, 1 item' }).waitFor({ timeout: 5000 })
    assert.isTrue(await samePage(page), 'the product page was not reloaded')
    assert.equal(new URL(page.url()).pathname, `/products/${kept.handle}`)

    // typing: instant results
    await page.goto('/')
    assert.isFalse(await htmxLoaded(page))
    await page.locator('#store-search-q').pressSequentially(word.slice(0, 12), { delay: 10 })
    await page.locator(`#search-suggestions a[href="/products/${kept.handle}"]`).waitFor({ timeout: 5000 })
    assert.equal(new URL(page.url()).pathname, '/')

    // a change: the listing swaps and the URL follows
    await page.goto(`/search?q=${word}`)
    await markPage(page)
    assert.isFalse(await htmxLoaded(page))
    await page.locator(`input[name="vendor"][value="${vendor}"]`).check()
    await page.waitForURL((url) => url.searchParams.get('vendor') === vendor)
    await page.locator(`a[href="/products/${dropped.handle}"]`).waitFor({ state: 'detached' })
    assert.isTrue(await samePage(page), 'the results were swapped, not reloaded')

    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })
})
