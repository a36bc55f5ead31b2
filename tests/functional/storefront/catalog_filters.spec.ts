import { test } from '@japa/runner'
import Collection from '#models/collection'
import ProductOption from '#models/product_option'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { VariantFactory } from '#database/factories/variant_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent } from '#tests/helpers/http_agent'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

interface Spec {
  title: string
  type: string
  vendor: string
  tags: string[]
  sizes: Array<{ size: string | null; price: number; stock?: number; untracked?: boolean }>
  status?: 'active' | 'draft'
}

/** One product with its Size option, variants, tags and stock. */
async function makeProduct(spec: Spec) {
  const product = await ProductFactory.merge({
    title: spec.title,
    productType: spec.type,
    vendor: spec.vendor,
    status: spec.status ?? 'active',
  }).create()
  await product.syncTags(spec.tags)
  if (spec.sizes.some((variant) => variant.size)) {
    await ProductOption.create({ productId: product.id, name: 'Size', position: 1 })
  }
  for (const [index, variant] of spec.sizes.entries()) {
    const row = await VariantFactory.merge({
      productId: product.id,
      option1: variant.size,
      title: variant.size ?? 'Default Title',
      price: variant.price,
      position: index + 1,
      trackInventory: !variant.untracked,
    }).create()
    if (variant.stock) await inventoryPort.adjust({ variantId: row.id, delta: variant.stock, reason: 'received' })
  }
  return product
}

/**
 * A small known catalog, unique to the test, in one manual collection (so
 * counts are not disturbed by other tests' products):
 *   shirt   Shirts   / Acme  [summer]  S $20 (5 in stock), M $25
 *   sweater Knitwear / Acme  [winter]  M $60, L $65 (no stock)
 *   tote    Bags     / Other [summer]  one untracked variant $15
 *   draft   Shirts   / Acme            never listed
 */
async function knownCatalog() {
  const run = uniqueSuffix()
  const names = {
    run,
    shirts: `Shirts-${run}`,
    knitwear: `Knitwear-${run}`,
    bags: `Bags-${run}`,
    acme: `Acme-${run}`,
    other: `Other-${run}`,
    summer: `summer-${run}`,
    winter: `winter-${run}`,
  }
  const shirt = await makeProduct({
    title: `Linen shirt ${run}`, type: names.shirts, vendor: names.acme, tags: [names.summer],
    sizes: [{ size: 'S', price: 2000, stock: 5 }, { size: 'M', price: 2500 }],
  })
  const sweater = await makeProduct({
    title: `Wool sweater ${run}`, type: names.knitwear, vendor: names.acme, tags: [names.winter],
    sizes: [{ size: 'M', price: 6000 }, { size: 'L', price: 6500 }],
  })
  const tote = await makeProduct({
    title: `Canvas tote ${run}`, type: names.bags, vendor: names.other, tags: [names.summer],
    sizes: [{ size: null, price: 1500, untracked: true }],
  })
  const draft = await makeProduct({
    title: `Draft shirt ${run}`, type: names.shirts, vendor: names.acme, tags: [names.summer],
    sizes: [{ size: 'S', price: 2000, stock: 1 }], status: 'draft',
  })
  const collection = await Collection.create({ handle: `known-${run}`, title: `Known ${run}`, kind: 'manual', published: true, sortOrder: 'manual' })
  await collection.related('products').attach({
    [shirt.id]: { position: 1 }, [sweater.id]: { position: 2 }, [tote.id]: { position: 3 }, [draft.id]: { position: 4 },
  })
  return { names, shirt, sweater, tote, draft, collection, url: `/collections/${collection.handle}` }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The count printed beside a facet checkbox, or null when the value is not offered. */
function facetCount(html: string, name: string, value: string, label = value): number | null {
  const pattern = new RegExp(
    `name="${name}" value="${escapeRegExp(value)}"[^>]*>\\s*${escapeRegExp(label)} <span class="facet__count">\\((\\d+)\\)`
  )
  const match = html.match(pattern)
  return match ? Number(match[1]) : null
}

const inStockCount = (html: string) => Number(html.match(/In stock <span class="facet__count">\((\d+)\)/)?.[1])
const listed = (html: string, handle: string) => html.includes(`href="/products/${handle}"`)
const cardCount = (html: string) => html.match(/class="product-card"/g)?.length ?? 0

test.group('Storefront | catalog filters and facets', () => {
  test('a manual collection lists its active members with facet counts', async ({ assert }) => {
    const c = await knownCatalog()
    const page = (await new HttpAgent().get(c.url)).text

    assert.equal(cardCount(page), 3)
    assert.isFalse(listed(page, c.draft.handle))
    assert.equal(facetCount(page, 'vendor', c.names.acme), 2)
    assert.equal(facetCount(page, 'vendor', c.names.other), 1)
    assert.equal(facetCount(page, 'type', c.names.shirts), 1)
    assert.equal(facetCount(page, 'tag', c.names.summer), 2)
    assert.equal(facetCount(page, 'opt', 'Size:M', 'M'), 2)
    assert.equal(inStockCount(page), 2)
    // manual order
    assert.isBelow(page.indexOf(c.shirt.handle), page.indexOf(c.sweater.handle))
  })

  test('filters combine, and each facet counts with every other filter applied', async ({ assert }) => {
    const c = await knownCatalog()
    const agent = new HttpAgent()

    const byVendor = (await agent.get(`${c.url}?vendor=${c.names.acme}`)).text
    assert.equal(cardCount(byVendor), 2)
    assert.isFalse(listed(byVendor, c.tote.handle))
    // the vendor facet ignores the vendor filter; the others apply it
    assert.equal(facetCount(byVendor, 'vendor', c.names.other), 1)
    assert.isNull(facetCount(byVendor, 'type', c.names.bags))
    assert.equal(facetCount(byVendor, 'tag', c.names.summer), 1)
    assert.equal(inStockCount(byVendor), 1)
    assert.deepEqual(
      ['S', 'M', 'L'].map((size) => facetCount(byVendor, 'opt', `Size:${size}`, size)),
      [1, 2, 1]
    )

    const inStockM = (await agent.get(`${c.url}?vendor=${c.names.acme}&opt=Size:M&in_stock=1`)).text
    assert.equal(cardCount(inStockM), 1)
    assert.isTrue(listed(inStockM, c.shirt.handle))
    // Size counts leave out the Size filter but keep vendor and stock
    assert.equal(facetCount(inStockM, 'opt', 'Size:S', 'S'), 1)
    assert.equal(facetCount(inStockM, 'opt', 'Size:M', 'M'), 1)
    assert.isNull(facetCount(inStockM, 'opt', 'Size:L', 'L'))
    assert.equal(facetCount(inStockM, 'vendor', c.names.acme), 1)
    assert.match(inStockM, /name="opt" value="Size:M" checked/)

    const tagOrType = (await agent.get(`${c.url}?tag=${c.names.summer}&type=${c.names.bags}&type=${c.names.shirts}`)).text
    assert.equal(cardCount(tagOrType), 2)
    // the type facet applies the tag filter: the winter sweater's type is not offered
    assert.equal(facetCount(tagOrType, 'type', c.names.shirts), 1)
    assert.equal(facetCount(tagOrType, 'type', c.names.bags), 1)
    assert.isNull(facetCount(tagOrType, 'type', c.names.knitwear))
  })

  test('price range is in major units and matches any variant in range', async ({ assert }) => {
    const c = await knownCatalog()
    const page = (await new HttpAgent().get(`${c.url}?min=22&max=30`)).text
    assert.equal(cardCount(page), 1)
    assert.isTrue(listed(page, c.shirt.handle))
    assert.include(page, 'name="min" min="0" step="0.01" inputmode="decimal"\n      value="22"')
  })

  test('sorts by price both ways and by newest', async ({ assert }) => {
    const c = await knownCatalog()
    const agent = new HttpAgent()
    const order = (html: string) =>
      [c.shirt, c.sweater, c.tote].map((p) => [p.handle, html.indexOf(`/products/${p.handle}"`)] as const)
        .sort((a, b) => a[1] - b[1]).map(([handle]) => handle)

    assert.deepEqual(order((await agent.get(`${c.url}?sort=price-asc`)).text), [c.tote.handle, c.shirt.handle, c.sweater.handle])
    assert.deepEqual(order((await agent.get(`${c.url}?sort=price-desc`)).text), [c.sweater.handle, c.shirt.handle, c.tote.handle])
    assert.deepEqual(order((await agent.get(`${c.url}?sort=newest`)).text), [c.shirt.handle, c.sweater.handle, c.tote.handle].reverse())
    // no sales yet: best selling falls back to newest
    assert.deepEqual(order((await agent.get(`${c.url}?sort=best-selling`)).text), [c.tote.handle, c.sweater.handle, c.shirt.handle])
  })

  test('invalid query parameters are ignored, never a server error', async ({ assert }) => {
    const c = await knownCatalog()
    const agent = new HttpAgent()
    const paths = [
      `${c.url}?page=abc&min=-5&max=lots&sort=bogus&in_stock=maybe&opt=nocolon`,
      `${c.url}?type[a]=1&vendor[][x]=2&tag=&q[]=x&page=999999999999`,
      `/?min=50&max=10&page=0`,
      `/search?q=${'x'.repeat(1000)}`,
      `/search?q=${encodeURIComponent(`"'%_*:&|!()<>\\`)}`,
      `/search?q=&sort=relevance`,
    ]
    for (const path of paths) {
      const response = await agent.get(path)
      assert.equal(response.status, 200, path)
    }
    const ignored = (await agent.get(`${c.url}?page=abc&min=-5&sort=bogus&in_stock=maybe`)).text
    assert.equal(cardCount(ignored), 3)
  })
})

test.group('Storefront | collections', () => {
  test('a smart collection evaluates its rules (tag is, price below, vendor is)', async ({ assert }) => {
    const c = await knownCatalog()
    const cheapSummer = await Collection.create({
      handle: `cheap-summer-${c.names.run}`, title: 'Cheap summer', kind: 'smart', published: true, sortOrder: 'created-desc',
      rules: [
        { field: 'tag', relation: 'equals', value: c.names.summer },
        { field: 'price', relation: 'less_than', value: '1800' },
      ],
    })
    const page = (await new HttpAgent().get(`/collections/${cheapSummer.handle}`)).text
    assert.equal(cardCount(page), 1)
    assert.isTrue(listed(page, c.tote.handle))

    const acme = await Collection.create({
      handle: `acme-${c.names.run}`, title: 'Acme', kind: 'smart', published: true, sortOrder: 'created-desc',
      rules: [{ field: 'vendor', relation: 'equals', value: c.names.acme }, { field: 'price', relation: 'greater_than', value: '2200' }],
    })
    const acmePage = (await new HttpAgent().get(`/collections/${acme.handle}`)).text
    assert.equal(cardCount(acmePage), 2)
    assert.isFalse(listed(acmePage, c.draft.handle))
  })

  test('published collections are linked from the header; unknown or unpublished ones are 404', async ({ assert }) => {
    const run = uniqueSuffix()
    const hidden = await Collection.create({ handle: `hidden-${run}`, title: 'Hidden', kind: 'manual', published: false, sortOrder: 'manual' })
    const home = (await new HttpAgent().get('/')).text
    assert.include(home, 'aria-label="Collections"')
    assert.notInclude(home, `/collections/${hidden.handle}`)
    assert.equal((await new HttpAgent().get(`/collections/${hidden.handle}`)).status, 404)
    assert.equal((await new HttpAgent().get(`/collections/nope-${run}`)).status, 404)
  })

  test('an htmx request gets the listing fragment, and responses vary on HX-Request', async ({ assert }) => {
    const c = await knownCatalog()
    const agent = new HttpAgent()
    const full = await agent.get(`${c.url}?vendor=${c.names.acme}`)
    assert.include(full.text, '<!doctype html>')
    assert.include(full.headers.get('vary') ?? '', 'HX-Request')

    const fragment = await agent.get(`${c.url}?vendor=${c.names.acme}`, { 'HX-Request': 'true', 'HX-Target': 'catalog' })
    assert.equal(fragment.status, 200)
    assert.include(fragment.headers.get('vary') ?? '', 'HX-Request')
    assert.notInclude(fragment.text, '<html')
    assert.match(fragment.text.trim(), /^<div id="catalog"/)
    assert.equal(cardCount(fragment.text), 2)
    assert.include(fragment.text, 'hx-push-url="true"')
  })
})
