import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { HOUSE_CSV, cli, prefixedShopify, tempFile } from '#tests/cli/helpers'

/** The exported JSON lines of products whose handle starts with `prefix`. */
async function exportedLines(prefix: string) {
  const file = tempFile(`${prefix}export.jsonl`)
  const result = await cli('export', 'products', '--format', 'jsonl', '--output', file)
  if (result.code !== 0) throw new Error(result.stderr)
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line)).filter((product) => product.handle.startsWith(prefix))
}

/** What a product is, without what only this store knows (ids, times) or what the copy renamed. */
function content(product: any, prefix: string) {
  const sourceOf = new Map(product.images.map((image: any) => [image.id, image.sourceUrl]))
  return {
    handle: product.handle.slice(prefix.length),
    fields: [product.title, product.descriptionHtml ?? product.description_html, product.vendor, product.status],
    tags: product.tags.map((tag: any) => tag.tag).sort(),
    options: product.options.map((option: any) => [option.name, option.values.map((value: any) => value.value)]),
    images: product.images.map((image: any) => [image.sourceUrl ?? image.source_url, image.alt, image.position]),
    variants: product.variants.map((variant: any) => ({
      sku: variant.sku?.replace(/^COPY-/, ''),
      title: variant.title,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice ?? variant.compare_at_price,
      available: variant.available,
      image: sourceOf.get(variant.imageId ?? variant.image_id) ?? null,
    })),
  }
}

test.group('CLI | import products: Stockroom JSON Lines', () => {
  test('export --format jsonl imports back unchanged, and into another store (here: other handles) as the same products', async ({ assert }) => {
    const prefix = `sr${Date.now().toString(36)}-`
    const imported = await cli('import', 'products', prefixedShopify(HOUSE_CSV, prefix), '--json')
    assert.equal(imported.code, 0, imported.stderr)
    const originals = await exportedLines(prefix)
    assert.lengthOf(originals, 20)

    const file = tempFile(`${prefix}catalog.jsonl`, originals.map((product) => JSON.stringify(product)).join('\n') + '\n')
    const again = await cli('import', 'products', file, '--json')
    assert.equal(again.code, 0, again.stderr)
    assert.deepInclude(again.json(), { format: 'stockroom', rows: 20, created: 0, updated: 0, unchanged: 20, errorCount: 0 })

    // The same catalog under new handles and SKUs, as another store would receive it.
    const copyPrefix = `c${prefix}`
    const copies = originals.map((product) => ({
      ...product,
      handle: `c${product.handle}`,
      variants: product.variants.map((variant: any) => ({ ...variant, sku: variant.sku && `COPY-${variant.sku}` })),
    }))
    const copyFile = tempFile(`${prefix}copy.jsonl`, copies.map((product) => JSON.stringify(product)).join('\n') + '\n')
    const created = await cli('import', 'products', copyFile, '--format', 'stockroom', '--json')
    assert.equal(created.code, 0, created.stderr)
    assert.deepInclude(created.json(), { created: 20, errorCount: 0 })
    const copied = await exportedLines(copyPrefix)
    assert.deepEqual(
      copied.map((product) => content(product, copyPrefix)).sort((a, b) => a.handle.localeCompare(b.handle)),
      originals.map((product) => content(product, prefix)).sort((a, b) => a.handle.localeCompare(b.handle))
    )
    // stock and a variant image came along
    assert.isTrue(copied.some((product) => product.variants.some((variant: any) => variant.available > 0)))
    assert.isTrue(copied.some((product) => product.variants.some((variant: any) => (variant.imageId ?? variant.image_id) !== null)))
  })

  test('a line that is not a product is reported with its line number; the others import', async ({ assert }) => {
    const handle = `srbad${Date.now().toString(36)}`
    const good = { handle: `${handle}-ok`, title: 'Fine', status: 'active', options: [], tags: [{ tag: 'a' }], images: [], variants: [{ sku: null, price: 1500, available: 3 }] }
    const file = tempFile(`${handle}.jsonl`, [
      JSON.stringify(good),
      'not json',
      JSON.stringify({ ...good, handle: `${handle}-neg`, variants: [{ price: -5 }] }),
      '',
      JSON.stringify({ ...good, handle: `${handle}-two`, options: [{ name: 'Size' }], variants: [{ price: 100 }] }),
    ].join('\n'))
    const result = await cli('import', 'products', file, '--json')
    assert.equal(result.code, 1)
    const json = result.json()
    assert.deepInclude(json, { format: 'stockroom', created: 1, errorCount: 3 })
    assert.deepEqual(json.errors.map((error: any) => error.line), [2, 3, 5])
    assert.match(json.errors[1].message, /price/)
    assert.match(json.errors[2].message, /value for 1 option/)
  })

  test('Shopify 2023 per-market columns are named in the summary as not imported', async ({ assert }) => {
    const handle = `mk${Date.now().toString(36)}`
    const file = tempFile(`${handle}.csv`, [
      'Handle,Title,Status,Variant SKU,Variant Price,Cost per item,Included / United States,Price / United States,Compare At Price / United States,Included / International,Price / International',
      `${handle},Market mug,active,${handle.toUpperCase()},12.00,4.00,TRUE,13.00,,FALSE,`,
    ].join('\n'))
    const result = await cli('import', 'products', file, '--dry-run', '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepInclude(result.json(), { created: 1, errorCount: 0 })
    assert.deepEqual(result.json().ignoredColumns, ['Included / United States', 'Price / United States', 'Compare At Price / United States', 'Included / International', 'Price / International'])
    const text = await cli('import', 'products', file, '--dry-run')
    assert.match(text.stdout, /columns not imported: .*Price \/ United States/)
  })
})
