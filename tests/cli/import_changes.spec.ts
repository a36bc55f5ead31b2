import { test } from '@japa/runner'
import Product from '#models/product'
import app from '@adonisjs/core/services/app'
import { cli, tempFile } from '#tests/cli/helpers'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/** A two-variant product as a Stockroom JSON line. */
function product(handle: string, overrides: Record<string, unknown> = {}) {
  return {
    handle,
    title: `Product ${handle}`,
    descriptionHtml: '<p>Plain "quoted" text</p>',
    vendor: 'Acme',
    productType: 'Mugs',
    status: 'active',
    tags: [{ tag: 'one' }, { tag: 'two' }],
    options: [{ name: 'Size', position: 1 }],
    images: [{ id: 1, sourceUrl: `https://cdn.example.com/${handle}.jpg`, alt: 'front', position: 1 }],
    variants: [
      { sku: `${handle}-S`, option1: 'S', price: 1000, available: 5, position: 1, imageId: 1 },
      { sku: `${handle}-M`, option1: 'M', price: 1100, available: 0, position: 2 },
    ],
    ...overrides,
  }
}

async function load(handle: string) {
  const found = await Product.query()
    .where('handle', handle)
    .preload('variants', (query) => query.orderBy('position'))
    .preload('images')
    .preload('tags')
    .preload('options', (query) => query.preload('values'))
    .firstOrFail()
  return { product: found, available: await inventoryPort.available(found.variants.map((variant) => variant.id)) }
}

test.group('CLI | import products: re-import with changes', () => {
  test('each kind of change is found and written; the untouched product stays unchanged', async ({ assert }) => {
    const p = `chg${Date.now().toString(36)}`
    const names = ['same', 'title', 'price', 'stock', 'tags', 'alt', 'value', 'text', 'policy']
    const write = (lines: object[]) => tempFile(`${p}-${Math.random().toString(36).slice(2)}.jsonl`, lines.map((line) => JSON.stringify(line)).join('\n'))
    const first = await cli('import', 'products', write(names.map((name) => product(`${p}-${name}`))), '--json')
    assert.deepInclude(first.json(), { created: names.length, errorCount: 0 })
    const again = await cli('import', 'products', write(names.map((name) => product(`${p}-${name}`))), '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: names.length })

    const base = (name: string) => product(`${p}-${name}`)
    const changed = [
      base('same'),
      { ...base('title'), title: 'Renamed' },
      { ...base('price'), variants: [{ ...base('price').variants[0], price: 999 }, base('price').variants[1]] },
      { ...base('stock'), variants: [base('stock').variants[0], { ...base('stock').variants[1], available: 7 }] },
      { ...base('tags'), tags: [{ tag: 'one' }, { tag: 'three' }] },
      { ...base('alt'), images: [{ ...base('alt').images[0], alt: 'back' }] },
      { ...base('value'), variants: [...base('value').variants, { sku: `${p}-value-L`, option1: 'L', price: 1200, position: 3 }] },
      { ...base('text'), descriptionHtml: '<p>New text</p><script>alert(1)</script>' },
      { ...base('policy'), variants: [{ ...base('policy').variants[0], inventoryPolicy: 'continue' }, base('policy').variants[1]] },
    ]
    const dry = await cli('import', 'products', write(changed), '--dry-run', '--json')
    assert.deepInclude(dry.json(), { dryRun: true, updated: names.length - 1, unchanged: 1 })
    assert.equal((await load(`${p}-title`)).product.title, `Product ${p}-title`)

    const result = await cli('import', 'products', write(changed), '--json')
    assert.deepInclude(result.json(), { created: 0, updated: names.length - 1, unchanged: 1, errorCount: 0 })

    assert.equal((await load(`${p}-title`)).product.title, 'Renamed')
    assert.deepEqual((await load(`${p}-price`)).product.variants.map((variant) => variant.price), [999, 1100])
    const stock = await load(`${p}-stock`)
    assert.deepEqual([...stock.available.values()], [5, 7])
    assert.deepEqual((await load(`${p}-tags`)).product.tagList.sort(), ['one', 'three'])
    assert.equal((await load(`${p}-alt`)).product.images[0].alt, 'back')
    const value = await load(`${p}-value`)
    assert.deepEqual(value.product.variants.map((variant) => variant.option1), ['S', 'M', 'L'])
    assert.deepEqual(value.product.options[0].values.map((option) => option.value).sort(), ['L', 'M', 'S'])
    assert.equal((await load(`${p}-text`)).product.descriptionHtml, '<p>New text</p>')
    assert.equal((await load(`${p}-policy`)).product.variants[0].inventoryPolicy, 'continue')

    // and the changed file, imported once more, changes nothing
    const last = await cli('import', 'products', write(changed), '--json')
    assert.deepInclude(last.json(), { updated: 0, unchanged: names.length })
  })
})
