import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { DateTime } from 'luxon'
import Product from '#models/product'
import ProductImage from '#models/product_image'
import { storeOrigin } from '#services/store_url'
import { accountUrl } from '#accounts/account_emails'
import { GARDEN_CSV, HOUSE_CSV, cli, onlyPrefixed, prefixedShopify, roundTrip, tempFile } from '#tests/cli/helpers'

test.group('CLI | export products', () => {
  test('a Shopify import exported and imported again changes nothing', async ({ assert }) => {
    for (const [fixture, prefix] of [[HOUSE_CSV, 'xj-'], [GARDEN_CSV, 'xa-']]) {
      const imported = await cli('import', 'products', prefixedShopify(fixture, prefix), '--json')
      assert.equal(imported.code, 0, imported.stderr)

      const { kept, result } = await roundTrip(prefix)
      assert.lengthOf(new Set(kept.map((row) => row.Handle)), 20)
      assert.deepInclude(result, { created: 0, updated: 0, unchanged: 20, errorCount: 0 })
    }
  })

  test('exported rows carry prices, options, stock, trackers, images and SEO the Shopify way', async ({ assert }) => {
    const imported = await cli('import', 'products', prefixedShopify(HOUSE_CSV, 'xk-'))
    assert.equal(imported.code, 0, imported.stderr)
    const file = tempFile('xk-export.csv')
    assert.equal((await cli('export', 'products', '--output', file)).code, 0)

    const { kept } = onlyPrefixed(file, 'xk-')
    const napkins = kept.filter((row) => row.Handle === 'xk-linen-napkin-set')
    assert.deepEqual(
      napkins.map((row) => [row['Option1 Value'], row['Variant Price'], row['Variant Compare At Price'], row['Variant Inventory Tracker'], row['Variant Inventory Qty']]),
      [['Sage', '69.99', '85.00', 'shopify', '1'], ['Clay', '55.00', '85.00', 'shopify', '0'], ['', '', '', '', '']]
    )
    assert.equal(napkins[0].Title, 'Linen Napkin Set')
    assert.equal(napkins[0]['Option1 Name'], 'Color')
    assert.equal(napkins[1].Title, '', 'product fields only on the first row')
    assert.deepEqual(napkins.map((row) => row['Image Position']), ['1', '2', '3'])
    assert.equal(napkins[1]['Variant Image'], 'https://images.example.test/house/napkin-clay.jpg')

    // untracked goes back out as Shopify writes it: a blank tracker and no quantity
    const coaster = kept.filter((row) => row.Handle === 'xk-oak-coaster')
    assert.equal(coaster[0]['Option1 Value'], 'Default Title')
    assert.equal(coaster[0]['Variant Grams'], '28')
    assert.deepEqual([coaster[0]['Variant Inventory Tracker'], coaster[0]['Variant Inventory Qty']], ['', ''])
  })

  test('products whose images are stored files (the demo store) round-trip unchanged, images included', async ({ assert }) => {
    const prefix = `xf${Date.now().toString(36)}-`
    for (const index of [1, 2]) {
      const product = await Product.create({ handle: `${prefix}vase-${index}`, title: `Stored Vase ${index}`, status: 'active', publishedAt: DateTime.now() })
      const image = await ProductImage.create({ productId: product.id, storageKey: `products/${product.id}/placeholder.webp`, alt: 'A vase', position: 1, status: 'ready' })
      await product.related('variants').create({ title: 'Default Title', price: 2500, sku: `${prefix}VASE-${index}`.toUpperCase(), imageId: image.id })
    }
    const { kept, result } = await roundTrip(prefix)
    assert.match(kept[0]['Image Src'], /\/media\/products\/\d+\/placeholder\.webp$/)
    // on the store's one address, the one its emails and account links use (here the test server's port, not a default)
    assert.equal(new URL(kept[0]['Image Src']).origin, new URL(accountUrl('/')).origin)
    assert.equal(new URL(kept[0]['Image Src']).origin, storeOrigin())
    assert.include(storeOrigin(), `:${process.env.PORT}`)
    assert.deepInclude(result, { created: 0, updated: 0, unchanged: 2, errorCount: 0 })
    const images = await ProductImage.query().whereIn('product_id', (await Product.query().whereLike('handle', `${prefix}%`)).map((p) => p.id))
    assert.lengthOf(images, 2, 'no pending copies of the stored files')
  })

  test('without --output the CSV goes to stdout and the summary to stderr; --status filters', async ({ assert }) => {
    const product = await Product.create({ handle: `xs-archived-${Date.now()}`, title: 'Archived thing', status: 'archived' })
    await product.related('variants').create({ title: 'Default Title', price: 1234, sku: `XS-${product.id}` })

    const result = await cli('export', 'products', '--status', 'archived')
    assert.equal(result.code, 0, result.stderr)
    const rows: Record<string, string>[] = parse(result.stdout, { columns: true })
    assert.isTrue(rows.every((row) => !row.Status || row.Status === 'archived'))
    assert.include(rows.map((row) => row.Handle), product.handle)
    assert.match(result.stderr, /Exported \d+ products/)

    // --help says which address the image URLs are on
    const help = await cli('export', 'products', '--help')
    assert.match(help.stdout, /APP_URL when set, else http:\/\/HOST:PORT/)

    const bad = await cli('export', 'products', '--status', 'sold')
    assert.equal(bad.code, 2)

    const jsonl = await cli('export', 'products', '--status', 'archived', '--format', 'jsonl')
    assert.equal(jsonl.code, 0, jsonl.stderr)
    const line = jsonl.stdout.trim().split('\n').map((text) => JSON.parse(text)).find((row) => row.handle === product.handle)
    assert.deepInclude(line, { title: 'Archived thing', status: 'archived' })
    assert.deepInclude(line.variants[0], { sku: `XS-${product.id}`, price: 1234, available: 0 })
  })
})
