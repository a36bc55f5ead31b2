import { test } from '@japa/runner'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { closeBrowser, newSession, type BrowserSession, htmxReady } from '#tests/helpers/browser'

test.group('Storefront | instant search and filters in the browser', (group) => {
  let session: BrowserSession | undefined

  group.each.setup(async () => {
    session = await newSession()
    return () => session?.context.close()
  })
  group.teardown(() => closeBrowser())

  test('typing in the header search box shows instant results', async ({ assert }) => {
    const word = `kettle${uniqueSuffix()}`
    const product = await ProductFactory.merge({ title: `Copper ${word}` }).with('variants').create()
    const { page, consoleErrors, cspViolations } = session!

    await page.goto('/')
    await htmxReady(page)
    await page.locator('#store-search-q').pressSequentially(word.slice(0, 10), { delay: 20 })
    const suggestion = page.locator(`#search-suggestions a[href="/products/${product.handle}"]`)
    await suggestion.waitFor({ timeout: 5000 })
    assert.include(await suggestion.innerHTML(), '<mark>')
    // instant results never leave the page
    assert.equal(new URL(page.url()).pathname, '/')

    await suggestion.click()
    await page.waitForURL(`**/products/${product.handle}`)
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('ticking a filter swaps the results and pushes a shareable URL', async ({ assert }) => {
    const run = uniqueSuffix()
    const vendor = `Browser-${run}`
    const word = `browserword${run}`
    const kept = await ProductFactory.merge({ title: `Kept ${word}`, vendor }).with('variants').create()
    const dropped = await ProductFactory.merge({ title: `Dropped ${word}`, vendor: `Other-${run}` }).with('variants').create()
    const { page, consoleErrors, cspViolations } = session!

    await page.goto(`/search?q=${word}`)
    await htmxReady(page)
    await page.locator(`a[href="/products/${dropped.handle}"]`).waitFor()
    await page.locator(`input[name="vendor"][value="${vendor}"]`).check()
    await page.waitForURL((url) => url.searchParams.get('vendor') === vendor)
    await page.locator(`a[href="/products/${dropped.handle}"]`).waitFor({ state: 'detached' })
    assert.isTrue(await page.locator(`a[href="/products/${kept.handle}"]`).isVisible())
    assert.equal(new URL(page.url()).searchParams.get('q'), word)
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })
})
