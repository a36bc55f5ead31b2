import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import Product from '#models/product'
import { SHOPIFY_HEADER } from '#import_export/exporters/shopify_rows'
import { SHOPIFY_FIXTURES, cli, prefixedShopify, tempFile } from '#tests/cli/helpers'

/** The rows of an exported file whose handle starts with `prefix`, as a CSV of their own. */
function onlyPrefixed(path: string, prefix: string) {
  const records: Record<string, string>[] = parse(readFileSync(path), { columns: true })
  const kept = records.filter((record) => record.Handle.startsWith(prefix))
  const target = tempFile(`${prefix}export-filtered.csv`)
  writeFileSync(target, stringify(kept, { header: true, columns: [...SHOPIFY_HEADER] }))
  return { target, kept }
}

test.group('CLI | export products', () => {
  test('a Shopify import exported and imported again changes nothing', async ({ assert }) => {
    for (const fixture of ['jewelery.csv', 'apparel.csv']) {
      const prefix = fixture.startsWith('j') ? 'xj-' : 'xa-'
      const imported = await cli('import', 'products', prefixedShopify(join(SHOPIFY_FIXTURES, fixture), prefix), '--json')
      assert.equal(imported.code, 0, imported.stderr)

      const file = tempFile(`${prefix}export.csv`)
      const exported = await cli('export', 'products', '--output', file, '--json')
      assert.equal(exported.code, 0, exported.stderr)
      assert.isAtLeast(exported.json().products, 20)

      const { target, kept } = onlyPrefixed(file, prefix)
      assert.lengthOf(new Set(kept.map((row) => row.Handle)), 20)
      const again = await cli('import', 'products', target, '--json')
      assert.equal(again.code, 0, again.stderr)
      assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 20, errorCount: 0 })
    }
  })

  test('exported rows carry prices, options, stock, images and SEO the Shopify way', async ({ assert }) => {
    const imported = await cli('import', 'products', prefixedShopify(join(SHOPIFY_FIXTURES, 'jewelery.csv'), 'xk-'))
    assert.equal(imported.code, 0, imported.stderr)
    const file = tempFile('xk-export.csv')
    assert.equal((await cli('export', 'products', '--output', file)).code, 0)

    const { kept } = onlyPrefixed(file, 'xk-')
    const anchor = kept.filter((row) => row.Handle === 'xk-leather-anchor')
    assert.deepEqual(
      anchor.map((row) => [row['Option1 Value'], row['Variant Price'], row['Variant Compare At Price'], row['Variant Inventory Qty']]),
      [['Gold', '69.99', '85.00', '1'], ['Silver', '55.00', '85.00', '0'], ['', '', '', '']]
    )
    assert.equal(anchor[0].Title, 'Anchor Bracelet Mens')
    assert.equal(anchor[0]['Option1 Name'], 'Color')
    assert.equal(anchor[1].Title, '', 'product fields only on the first row')
    assert.deepEqual(anchor.map((row) => row['Image Position']), ['1', '2', '3'])
    assert.equal(anchor[1]['Variant Image'], 'https://burst.shopifycdn.com/photos/anchor-bracelet-for-men_925x.jpg')

    const earrings = kept.filter((row) => row.Handle === 'xk-boho-earrings')
    assert.equal(earrings[0]['Option1 Value'], 'Default Title')
    assert.equal(earrings[0]['Variant Grams'], '28')
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

    const bad = await cli('export', 'products', '--status', 'sold')
    assert.equal(bad.code, 2)

    const jsonl = await cli('export', 'products', '--status', 'archived', '--format', 'jsonl')
    assert.equal(jsonl.code, 0, jsonl.stderr)
    const line = jsonl.stdout.trim().split('\n').map((text) => JSON.parse(text)).find((row) => row.handle === product.handle)
    assert.deepInclude(line, { title: 'Archived thing', status: 'archived' })
    assert.deepInclude(line.variants[0], { sku: `XS-${product.id}`, price: 1234, available: 0 })
  })
})
