import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Collection from '#models/collection'
import Product from '#models/product'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { signedInStaff } from '#tests/helpers/staff_session'
import { HttpAgent, extractCsrfToken, type AgentResponse } from '#tests/helpers/http_agent'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/**
 * SQL budgets of cold pages, whatever they show. A listing runs more than a
 * product page: a count, the page, its cards' variants and images, and one
 * grouped query per facet (docs/storefront-catalog.md).
 */
const COLD_PRODUCT_QUERIES = 8
const COLD_LISTING_QUERIES = 16

function queries(response: AgentResponse) {
  const header = response.headers.get('x-query-count')
  if (header === null) throw new Error('no X-Query-Count header')
  return Number(header)
}

/** A smart collection of `count` products (3 variants each) sharing a new vendor. */
async function vendorCollection(count: number) {
  const vendor = `Cache vendor ${uniqueSuffix()}`
  const products = await ProductFactory.merge({ vendor }).with('variants', 3).createMany(count)
  const collection = await Collection.create({
    handle: `cache-${uniqueSuffix()}`, title: 'Cache test', kind: 'smart', published: true, sortOrder: 'created-desc',
    rules: [{ field: 'vendor', relation: 'equals', value: vendor }],
  })
  return { collection, products }
}

test.group('Storefront | page cache and query counts', () => {
  test('a warm product page runs no SQL; a cold one a bounded few', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 3).create()
    const agent = new HttpAgent()

    const cold = await agent.get(`/products/${product.handle}`)
    assert.equal(cold.status, 200)
    assert.include(cold.text, product.title)
    assert.isAbove(queries(cold), 0)
    assert.isAtMost(queries(cold), COLD_PRODUCT_QUERIES)

    const warm = await agent.get(`/products/${product.handle}`)
    assert.equal(warm.status, 200)
    assert.equal(queries(warm), 0)
    assert.equal(warm.text, cold.text)
  })

  test('a warm collection page runs no SQL; a cold one does not grow with its products', async ({ assert }) => {
    const small = await vendorCollection(2)
    const large = await vendorCollection(8)
    const agent = new HttpAgent()

    const coldSmall = await agent.get(`/collections/${small.collection.handle}`)
    const coldLarge = await agent.get(`/collections/${large.collection.handle}`)
    assert.equal(coldLarge.status, 200)
    for (const item of large.products) assert.include(coldLarge.text, `/products/${item.handle}`)
    assert.isAtMost(queries(coldLarge), COLD_LISTING_QUERIES)
    assert.equal(queries(coldLarge), queries(coldSmall), 'no query per product (N+1)')

    const warm = await agent.get(`/collections/${large.collection.handle}`)
    assert.equal(queries(warm), 0)
    assert.equal(warm.text, coldLarge.text)
  })

  test('the query string is normalized, and htmx fragments are cached apart from pages', async ({ assert }) => {
    const { collection } = await vendorCollection(1)
    const agent = new HttpAgent()
    const path = `/collections/${collection.handle}`

    assert.isAbove(queries(await agent.get(`${path}?sort=price-asc&in_stock=1`)), 0)
    assert.equal(queries(await agent.get(`${path}?in_stock=1&sort=price-asc`)), 0)

    const fragment = await agent.get(`${path}?sort=price-asc&in_stock=1`, { 'HX-Request': 'true', 'HX-Target': 'catalog' })
    assert.isAbove(queries(fragment), 0)
    assert.notInclude(fragment.text, '<html')
    const warmFragment = await agent.get(`${path}?sort=price-asc&in_stock=1`, { 'HX-Request': 'true', 'HX-Target': 'catalog' })
    assert.equal(queries(warmFragment), 0)
    assert.equal(warmFragment.text, fragment.text)
    assert.include(String(warmFragment.headers.get('vary')), 'HX-Request')
  })
})

test.group('Storefront | HTTP caching headers', () => {
  test('anonymous catalog pages set no cookie, are public with an ETag, and answer If-None-Match with 304', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const { collection } = await vendorCollection(1)
    // shield's policy for stateful pages, less the nonce a shared page cannot have
    const adminPolicy = String((await new HttpAgent().get('/admin/login')).headers.get('content-security-policy'))
    assert.match(adminPolicy, / 'nonce-[^']+'/)
    const publicPolicy = adminPolicy.replace(/ 'nonce-[^']+'/, '')

    for (const path of ['/', `/products/${product.handle}`, `/collections/${collection.handle}`, '/search?q=shirt']) {
      const agent = new HttpAgent()
      for (const attempt of ['cold', 'warm']) {
        const response = await agent.get(path)
        assert.equal(response.status, 200, `${path} ${attempt}`)
        assert.deepEqual(response.headers.getSetCookie(), [], `${path} ${attempt} sets no cookie`)
        assert.equal(response.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=300')
        assert.match(String(response.headers.get('etag')), /^"[\w-]+"$/)
        assert.equal(response.headers.get('content-security-policy'), publicPolicy)
        assert.equal(response.headers.get('x-frame-options'), 'DENY')
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
        assert.match(String(response.headers.get('strict-transport-security')), /^max-age=\d+/)
      }

      const etag = (await agent.get(path)).headers.get('etag')!
      const revalidated = await agent.get(path, { 'If-None-Match': etag })
      assert.equal(revalidated.status, 304, path)
      assert.equal(revalidated.text, '')
      assert.equal((await agent.get(path, { 'If-None-Match': '"stale"' })).status, 200)
    }
  })

  test('files in public/ are still served, with no session cookie', async ({ assert }) => {
    for (const path of ['/css/app.css', '/vendor/htmx.min.js', '/favicon.svg']) {
      const response = await new HttpAgent().get(path)
      assert.equal(response.status, 200, path)
      assert.isNotEmpty(response.text)
      assert.deepEqual(response.headers.getSetCookie(), [])
    }
    assert.equal((await new HttpAgent().get('/css/missing.css')).status, 404)
  })

  test('admin pages, signed in or not, are private and not stored', async ({ assert }) => {
    await clearRateLimits()
    const login = await new HttpAgent().get('/admin/login')
    assert.equal(login.headers.get('cache-control'), 'private, no-store')
    assert.isNotEmpty(login.headers.getSetCookie(), 'the sign-in page starts a session for CSRF')

    const { agent } = await signedInStaff('owner')
    for (const path of ['/admin', '/admin/products']) {
      const response = await agent.get(path)
      assert.equal(response.status, 200, path)
      assert.equal(response.headers.get('cache-control'), 'private, no-store')
      assert.isNull(response.headers.get('etag'))
    }
  })

  test('CSRF still refuses a sign-in posted without its token', async ({ assert }) => {
    await clearRateLimits()
    const agent = new HttpAgent()
    await agent.get('/admin/login')
    const response = await agent.post('/admin/login', { email: 'nobody@example.com', password: 'whatever' })
    assert.oneOf(response.status, [302, 403])
    assert.notEqual(response.location, '/admin')
    assert.equal((await agent.get('/admin')).status, 302, 'still signed out')
  })
})

test.group('Storefront | cache invalidation', () => {
  test('an admin edit shows at once on the product page and the home listing', async ({ assert }) => {
    await clearRateLimits()
    const { agent } = await signedInStaff('owner')
    const run = uniqueSuffix()
    const token = async (path: string) => extractCsrfToken((await agent.get(path)).text)!

    const created = await agent.post('/admin/products', {
      _csrf: await token('/admin/products/new'),
      title: `Cached lamp ${run}`, handle: `cached-lamp-${run}`, status: 'active', 'variants[0][price]': '25.00',
    })
    assert.equal(created.status, 303)
    const product = await Product.query().where('handle', `cached-lamp-${run}`).preload('variants').firstOrFail()

    const shopper = new HttpAgent()
    const productPath = `/products/${product.handle}`
    assert.include((await shopper.get(productPath)).text, `Cached lamp ${run}`)
    assert.equal(queries(await shopper.get(productPath)), 0, 'warm')
    assert.include((await shopper.get('/')).text, `Cached lamp ${run}`)
    assert.equal(queries(await shopper.get('/')), 0, 'warm')

    const saved = await agent.post(`/admin/products/${product.id}?_method=PUT`, {
      _csrf: await token(`/admin/products/${product.id}/edit`),
      title: `Renamed lamp ${run}`, handle: product.handle, status: 'active', lockVersion: '1',
      'variants[0][id]': String(product.variants[0].id), 'variants[0][price]': '31.00',
    })
    assert.equal(saved.status, 303)

    const page = await shopper.get(productPath)
    assert.isAbove(queries(page), 0, 'the cached page was dropped')
    assert.include(page.text, `Renamed lamp ${run}`)
    assert.include(page.text, '$31.00')
    const home = await shopper.get('/')
    assert.include(home.text, `Renamed lamp ${run}`)
    assert.notInclude(home.text, `Cached lamp ${run}`)
  })

  test('a stock adjustment through the inventory port drops the product page, also inside a transaction', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    await product.load('variants')
    const variantId = product.variants[0].id
    const shopper = new HttpAgent()
    const path = `/products/${product.handle}`

    assert.include((await shopper.get(path)).text, 'Sold out')
    assert.equal(queries(await shopper.get(path)), 0)

    await inventoryPort.adjust({ variantId, delta: 2, reason: 'received' })
    const restocked = await shopper.get(path)
    assert.isAbove(queries(restocked), 0)
    assert.include(restocked.text, 'Only 2 left')

    await db.transaction(async (trx) => {
      await inventoryPort.adjust({ variantId, delta: 40, reason: 'received' }, trx)
      await inventoryPort.adjust({ variantId, delta: 8, reason: 'count' }, trx)
    })
    const counted = await shopper.get(path)
    assert.isAbove(queries(counted), 0)
    assert.include(counted.text, 'In stock')
  })
})
