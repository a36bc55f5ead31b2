import { test } from '@japa/runner'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import runtime from '#config/runtime'
import env from '#start/env'
import Collection from '#models/collection'
import app from '@adonisjs/core/services/app'
import { invalidateCatalog } from '#catalog/catalog_cache'
import { ProductFactory } from '#database/factories/product_factory'
import { VariantFactory } from '#database/factories/variant_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent } from '#tests/helpers/http_agent'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/** Absolute URLs in pages: APP_URL when set, else the host the test server answers on. */
const origin = () => (env.get('APP_URL') ? new URL(env.get('APP_URL')!).origin : `http://127.0.0.1:${process.env.PORT}`)

/** A 1×1 transparent PNG: the product shows on listings too, where browser tests expect no broken image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64'
)

const LD_JSON = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g

function metaContent(html: string, attribute: 'name' | 'property', key: string) {
  const match = html.match(new RegExp(`<meta ${attribute}="${key.replace(/[.:+]/g, '\\$&')}" content="([^"]*)">`))
  return match ? match[1] : null
}

test.group('Storefront | product page SEO', (group) => {
  group.each.setup(() => invalidateCatalog())

  test('has canonical, meta description, OpenGraph tags and a Product with one offer per variant', async ({ assert }) => {
    await mkdir(join(runtime.uploadsDir, 'products/test'), { recursive: true })
    await writeFile(join(runtime.uploadsDir, 'products/test/seo-bag.png'), PNG)
    const longText = 'Waxed canvas, brass rivets and a leather strap. '.repeat(6)
    const product = await ProductFactory.merge({
      title: 'Field bag',
      vendor: 'Northwind',
      descriptionHtml: `<p><strong>Built</strong> to last &amp; carry.</p><p>${longText}</p>`,
    })
      .with('images', 1, (image) => image.merge({ storageKey: 'products/test/seo-bag.png', status: 'ready', width: 600, height: 600 }))
      .create()
    const [inStock, soldOut] = await VariantFactory.merge([
      { productId: product.id, title: 'Olive', sku: 'BAG-OLIVE', price: 12900, currency: 'USD', position: 1 },
      { productId: product.id, title: 'Black', sku: 'BAG-BLACK', price: 13900, currency: 'USD', position: 2 },
    ]).createMany(2)
    await inventoryPort.adjust({ variantId: inStock.id, delta: 20, reason: 'count' })
    await inventoryPort.adjust({ variantId: soldOut.id, delta: 0, reason: 'count' })

    const response = await new HttpAgent().get(`/products/${product.handle}`)
    assert.equal(response.status, 200)
    const url = `${origin()}/products/${product.handle}`
    assert.include(response.text, `<link rel="canonical" href="${url}">`)

    const description = metaContent(response.text, 'name', 'description')!
    assert.match(description, /^Built to last &amp; carry\. Waxed canvas/)
    assert.notInclude(description, '<')
    assert.isAtMost(description.replace('&amp;', '&').length, 155)
    assert.isTrue(description.endsWith('…'))

    assert.equal(metaContent(response.text, 'property', 'og:type'), 'product')
    assert.equal(metaContent(response.text, 'property', 'og:title'), 'Field bag')
    assert.equal(metaContent(response.text, 'property', 'og:url'), url)
    assert.equal(metaContent(response.text, 'property', 'og:description'), description)
    assert.equal(metaContent(response.text, 'property', 'og:image'), `${origin()}/media/products/test/seo-bag.png`)

    const blocks = [...response.text.matchAll(LD_JSON)]
    assert.lengthOf(blocks, 1)
    const ld = JSON.parse(blocks[0][1])
    assert.equal(ld['@type'], 'Product')
    assert.equal(ld.name, 'Field bag')
    assert.equal(ld.description, description.replace('&amp;', '&'))
    assert.equal(ld.image, `${origin()}/media/products/test/seo-bag.png`)
    assert.deepEqual(ld.brand, { '@type': 'Brand', name: 'Northwind' })
    assert.notProperty(ld, 'sku')
    assert.equal(ld.offers['@type'], 'AggregateOffer')
    assert.include(ld.offers, { lowPrice: '129.00', highPrice: '139.00', priceCurrency: 'USD', offerCount: 2 })
    assert.deepEqual(ld.offers.offers, [
      { '@type': 'Offer', sku: 'BAG-OLIVE', price: '129.00', priceCurrency: 'USD', availability: 'https://schema.org/InStock', url },
      { '@type': 'Offer', sku: 'BAG-BLACK', price: '139.00', priceCurrency: 'USD', availability: 'https://schema.org/OutOfStock', url },
    ])
  })

  test('a single variant gives the product its sku and a plain Offer; the SEO description wins', async ({ assert }) => {
    const product = await ProductFactory.merge({ title: 'Enamel pin', seoDescription: 'A tiny enamel pin.', descriptionHtml: '<p>Long text</p>' }).create()
    const variant = await VariantFactory.merge({ productId: product.id, sku: 'PIN-1', price: 800, currency: 'EUR' }).create()
    await inventoryPort.adjust({ variantId: variant.id, delta: 3, reason: 'count' })

    const response = await new HttpAgent().get(`/products/${product.handle}`)
    assert.equal(metaContent(response.text, 'name', 'description'), 'A tiny enamel pin.')
    const ld = JSON.parse([...response.text.matchAll(LD_JSON)][0][1])
    assert.equal(ld.sku, 'PIN-1')
    assert.include(ld.offers, { '@type': 'Offer', price: '8.00', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' })
  })

  test('a title that closes the script tag stays inside the JSON-LD', async ({ assert }) => {
    const title = 'Mug </script><script>alert(1)</script> & <!-- co'
    const product = await ProductFactory.merge({ title }).with('variants').create()

    const response = await new HttpAgent().get(`/products/${product.handle}`)
    assert.equal(response.status, 200)
    const blocks = [...response.text.matchAll(LD_JSON)]
    assert.lengthOf(blocks, 1)
    assert.equal(JSON.parse(blocks[0][1]).name, title)
    assert.notInclude(blocks[0][1], '<')
    assert.notInclude(response.text, '<script>alert(1)')
    // only script files and the JSON-LD open a script element (a one-variant page has no Alpine)
    const scripts = response.text.match(/<script\b[^>]*>/g) ?? []
    assert.lengthOf(scripts.filter((tag) => !/ src="\/|type="application\/ld\+json"/.test(tag)), 0)
    // the storefront's own script and the JSON-LD (htmx is named in a meta tag and loaded on intent)
    assert.lengthOf(scripts, 2)
    assert.match(response.text, /<meta name="htmx-src" content="\/vendor\/htmx\.min\.[0-9a-f]{10}\.js">/)
  })

  test('collection and home pages have a canonical URL and a meta description', async ({ assert }) => {
    const collection = await Collection.create({
      handle: `seo-${uniqueSuffix()}`, title: 'Seo picks', kind: 'manual', published: true, sortOrder: 'manual',
      descriptionHtml: '<p>Our <em>favourite</em> things.</p>',
    })
    const page = await new HttpAgent().get(`/collections/${collection.handle}?vendor=x&sort=price-asc`)
    assert.include(page.text, `<link rel="canonical" href="${origin()}/collections/${collection.handle}">`)
    assert.equal(metaContent(page.text, 'name', 'description'), 'Our favourite things.')

    const home = await new HttpAgent().get('/')
    assert.include(home.text, `<link rel="canonical" href="${origin()}/">`)
    assert.isNotNull(metaContent(home.text, 'name', 'description'))
  })
})

test.group('Storefront | sitemap and robots', (group) => {
  group.each.setup(() => invalidateCatalog())

  test('sitemap.xml lists home, active products and published collections, not drafts', async ({ assert }) => {
    const active = await ProductFactory.merge({ handle: `sitemap-${uniqueSuffix()}` }).with('variants').create()
    const draft = await ProductFactory.apply('draft').with('variants').create()
    const published = await Collection.create({ handle: `map-${uniqueSuffix()}`, title: 'Map', kind: 'manual', published: true, sortOrder: 'manual' })
    const hidden = await Collection.create({ handle: `hid-${uniqueSuffix()}`, title: 'Hid', kind: 'manual', published: false, sortOrder: 'manual' })

    const response = await new HttpAgent().get('/sitemap.xml')
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type')!, /^application\/xml/)
    assert.match(response.headers.get('cache-control')!, /^public/)
    assert.isEmpty(response.headers.getSetCookie())
    assert.match(response.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/)
    assert.include(response.text, `<url><loc>${origin()}/</loc></url>`)
    assert.include(
      response.text,
      `<url><loc>${origin()}/products/${active.handle}</loc><lastmod>${active.updatedAt.toISODate()}</lastmod></url>`
    )
    assert.include(response.text, `<loc>${origin()}/collections/${published.handle}</loc>`)
    assert.notInclude(response.text, `/products/${draft.handle}<`)
    assert.notInclude(response.text, `/collections/${hidden.handle}<`)

    const again = await new HttpAgent().get('/sitemap.xml', { 'if-none-match': response.headers.get('etag')! })
    assert.equal(again.status, 304)
  })

  test('robots.txt allows the shop, disallows the back-office and names the sitemap', async ({ assert }) => {
    const response = await new HttpAgent().get('/robots.txt')
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type')!, /^text\/plain/)
    assert.match(response.headers.get('cache-control')!, /^public/)
    assert.isEmpty(response.headers.getSetCookie())
    const lines = response.text.split('\n')
    assert.include(lines, 'User-agent: *')
    assert.include(lines, 'Disallow: /admin')
    assert.include(lines, `Sitemap: ${origin()}/sitemap.xml`)
  })

  test('product pages set no cookie either', async ({ assert }) => {
    const product = await ProductFactory.with('variants').create()
    const response = await new HttpAgent().get(`/products/${product.handle}`)
    assert.equal(response.status, 200)
    assert.isEmpty(response.headers.getSetCookie())
  })
})
