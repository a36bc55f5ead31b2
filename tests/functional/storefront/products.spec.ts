import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import runtime from '#config/runtime'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { VariantFactory } from '#database/factories/variant_factory'
import { STOREFRONT_PAGE_SIZE } from '#queries/storefront_product_query'
import { HttpAgent } from '#tests/helpers/http_agent'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64'
)

async function storeImage(name = `${randomUUID()}.png`) {
  const key = `products/test/${name}`
  await mkdir(join(runtime.uploadsDir, 'products/test'), { recursive: true })
  await writeFile(join(runtime.uploadsDir, key), PNG)
  return key
}

/** The HTML of one product card on a listing page. */
function cardHtml(page: string, handle: string) {
  const start = page.indexOf(`<a class="product-card" href="/products/${handle}"`)
  return start === -1 ? '' : page.slice(start, page.indexOf('</a>', start))
}

test.group('Storefront | home page', () => {
  test('lists active products with their price, and not drafts', async ({ assert }) => {
    const active = await ProductFactory.merge({ title: 'Canvas tote bag' })
      .with('variants', 1, (variant) => variant.merge({ price: 2450, currency: 'USD' }))
      .create()
    const draft = await ProductFactory.apply('draft').merge({ title: 'Secret prototype' }).with('variants').create()

    const response = await new HttpAgent().get('/')
    assert.equal(response.status, 200)
    assert.include(response.text, `href="/products/${active.handle}"`)
    assert.include(response.text, 'Canvas tote bag')
    assert.include(response.text, '$24.50')
    assert.notInclude(response.text, draft.title)
  })

  test('says "From" the cheapest price when variants differ', async ({ assert }) => {
    const product = await ProductFactory.merge({ title: 'Merino scarf' }).create()
    await VariantFactory.merge([
      { productId: product.id, price: 3900, position: 1 },
      { productId: product.id, price: 3500, position: 2 },
    ]).createMany(2)

    const response = await new HttpAgent().get('/')
    assert.match(cardHtml(response.text, product.handle), /From\s+\$35\.00/)
  })

  test('shows stored images from /media and a fallback while an image is pending', async ({ assert }) => {
    const key = await storeImage()
    const withImage = await ProductFactory.with('variants')
      .with('images', 1, (image) => image.merge({ storageKey: key, status: 'ready', width: 800, height: 800, alt: 'Blue mug' }))
      .create()
    const pending = await ProductFactory.with('variants').with('images').create()

    const response = await new HttpAgent().get('/')
    const cardOf = (handle: string) => cardHtml(response.text, handle)
    assert.include(cardOf(withImage.handle), `<img src="/media/${key}" alt="Blue mug"`)
    assert.include(cardOf(withImage.handle), 'width="800"')
    assert.include(cardOf(pending.handle), 'class="image-placeholder"')
    assert.notInclude(cardOf(pending.handle), '<img')
  })

  test(`pages the catalog ${STOREFRONT_PAGE_SIZE} products at a time`, async ({ assert }) => {
    await ProductFactory.with('variants').createMany(STOREFRONT_PAGE_SIZE + 1)
    const first = await new HttpAgent().get('/')
    assert.equal(first.text.match(/class="product-card"/g)?.length, STOREFRONT_PAGE_SIZE)
    assert.include(first.text, 'href="/?page=2"')

    const second = await new HttpAgent().get('/?page=2')
    assert.equal(second.status, 200)
    assert.include(second.text, '<span aria-current="page">2</span>')
  })
})

test.group('Storefront | product page', () => {
  test('shows title, variants with option values and availability, and a sanitized description', async ({ assert }) => {
    const product = await ProductFactory.merge({
      title: 'Trail runner',
      descriptionHtml: '<p>Light <strong>and</strong> fast.</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>',
    }).create()
    const [small, large] = await VariantFactory.merge([
      { productId: product.id, option1: 'Small', title: 'Small', price: 9900, position: 1 },
      { productId: product.id, option1: 'Large', title: 'Large', price: 10900, position: 2 },
    ]).createMany(2)
    await inventoryPort.adjust({ variantId: small.id, delta: 12, reason: 'count' })
    await inventoryPort.adjust({ variantId: large.id, delta: 0, reason: 'count' })

    const response = await new HttpAgent().get(`/products/${product.handle}`)
    assert.equal(response.status, 200)
    assert.include(response.text, '<h1>Trail runner</h1>')
    assert.include(response.text, '<td>Small</td>')
    assert.include(response.text, '<td>Large</td>')
    assert.include(response.text, '$109.00')
    assert.include(response.text, 'In stock')
    assert.include(response.text, 'Sold out')
    assert.include(response.text, '<p>Light <strong>and</strong> fast.</p>')
    assert.notInclude(response.text, 'alert(1)')
  })

  test('an unknown or draft product is a friendly 404', async ({ assert }) => {
    const draft = await ProductFactory.apply('draft').with('variants').create()
    for (const path of ['/products/no-such-thing', `/products/${draft.handle}`]) {
      const response = await new HttpAgent().get(path)
      assert.equal(response.status, 404, path)
      assert.include(response.text, 'We could not find that page')
      assert.include(response.text, 'class="store-header"')
    }
  })

  test('unknown URLs get the same 404 page', async ({ assert }) => {
    const response = await new HttpAgent().get('/no/such/page')
    assert.equal(response.status, 404)
    assert.include(response.text, 'We could not find that page')
    // one search box, the header's: the page adds none of its own
    assert.lengthOf(response.text.match(/<input[^>]*type="search"/g) ?? [], 1)
  })
})

test.group('Storefront | media', (group) => {
  group.teardown(() => rm(join(runtime.uploadsDir, 'products/test'), { recursive: true, force: true }))

  test('serves stored images with their type and long-lived cache headers', async ({ assert }) => {
    const key = await storeImage()
    const response = await fetch(`http://127.0.0.1:${process.env.PORT}/media/${key}`)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'image/png')
    assert.include(response.headers.get('cache-control') ?? '', 'max-age=31536000')
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), PNG)
  })

  test('refuses paths that leave the uploads folder, hidden files and non-images', async ({ assert }) => {
    await storeImage('logo.svg')
    await writeFile(join(runtime.uploadsDir, 'products/test/.secret.png'), PNG)
    const base = `http://127.0.0.1:${process.env.PORT}`
    for (const path of [
      '/media/%2e%2e/app_key',
      '/media/..%2fapp_key',
      '/media/%2e%2e%2f%2e%2e%2fpackage.json',
      '/media/products/..%5c..%5capp_key',
      '/media/%2fetc%2fpasswd',
      '/media/products/test/logo.svg',
      '/media/products/test/.secret.png',
      '/media/products/test/missing.png',
    ]) {
      const response = await fetch(base + path)
      assert.equal(response.status, 404, path)
      assert.notInclude(response.headers.get('content-type') ?? '', 'image/', path)
    }
  })
})
