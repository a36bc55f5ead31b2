import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import db from '@adonisjs/lucid/services/db'
import Product from '#models/product'
import app from '@adonisjs/core/services/app'
import { IMPORT_FIXTURES, cli, productsWithPrefix, roundTrip, tempFile } from '#tests/cli/helpers'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/*
 * Fixtures written for the quirks of real store exports (public Shopify
 * and WooCommerce exports studied for the day-one issue): repeated SKUs,
 * blank trackers, multi-line cells with CRLF or a lone CR, a BOM, image-only
 * rows, no Image Position column, long SEO texts, unit headers, plugin
 * meta columns, price-less products. Each imports every product, matches
 * the file, imports again unchanged and round-trips through the export.
 */

async function availableOf(product: Product) {
  return [...(await inventoryPort.available(product.variants.map((variant) => variant.id))).values()]
}

function reportRows(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true })
}

test.group('CLI | import products: quirks of real exports', () => {
  test('repeated SKUs: every product imports, later repeats without the SKU, each a warning naming both lines', async ({ assert }) => {
    const file = join(IMPORT_FIXTURES, 'shopify_repeated_skus.csv')
    const report = tempFile('rk-report.csv')
    const result = await cli('import', 'products', file, '--report', report, '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepInclude(result.json(), { created: 5, errorCount: 0, warningCount: 4 })

    const warnings = reportRows(report).map((row) => [row.line, row.handle, row.sku, row.kind, row.message])
    assert.deepEqual(warnings, [
      ['5', 'rk-amber-candle', 'CND-SM', 'warning', 'SKU "CND-SM" is already used on line 2 (rk-fig-candle): imported without a SKU'],
      ['8', 'rk-tin-lantern', 'LAN-1', 'warning', 'SKU "LAN-1" is already used on line 6 (rk-tin-lantern): imported without a SKU'],
      ['6', 'rk-tin-lantern', '', 'warning', 'SEO description is 343 characters: kept the first 320'],
      ['14', 'rk-moss-candle', 'LAN-3', 'warning', 'SKU "LAN-3" is already used on line 9 (rk-tin-lantern): imported without a SKU'],
    ])
    assert.notMatch(readFileSync(report, 'utf8'), /insert into|constraint/i)

    const [amber, fig, voucher, moss, lantern] = await productsWithPrefix('rk-')
    assert.deepEqual([fig.variants[0].sku, amber.variants[0].sku, moss.variants[0].sku], ['CND-SM', null, null])
    assert.deepEqual([await availableOf(fig), await availableOf(amber), await availableOf(moss)], [[75], [55], [2]])
    assert.equal(moss.variants[0].cost, 410)
    assert.isFalse(amber.variants[0].taxable)
    // a leading <meta> is dropped and so is the whitespace it leaves
    assert.equal(fig.descriptionHtml, '<p><span>Fig leaf and cedar, poured in a <strong>recycled</strong> glass.</span></p>\n<p>Burns about forty hours.</p>')

    assert.deepEqual(lantern.variants.map((v) => [v.option1, v.sku, v.price, v.trackInventory]), [
      ['Small', 'LAN-1', 3900, false],
      ['Medium', null, 5900, false],
      ['Large', 'LAN-3', 6900, false],
    ])
    assert.deepEqual(await availableOf(lantern), [0, 0, 0], 'blank tracker: the (negative) quantities are not stock')
    assert.lengthOf(lantern.seoDescription!, 320)
    assert.isTrue(lantern.seoDescription!.startsWith('Hand-punched tin lantern'))
    // no Image Position column: file order; image-only rows add pictures
    assert.deepEqual(lantern.images.map((image) => [image.sourceUrl!.split('/').pop(), image.alt]), [
      ['lantern.jpeg?v=17', 'Tin lantern, lit'],
      ['lantern-porch.jpeg?v=17', 'On a porch'],
      ['lantern-path.jpeg?v=17', null],
      ['lantern-box.jpeg?v=17', 'In its box'],
      ['lantern-detail.jpeg?v=17', null],
    ])
    const imageOf = (index: number) => lantern.images.find((image) => image.id === lantern.variants[index].imageId)?.sourceUrl?.split('/').pop()
    assert.deepEqual([imageOf(0), imageOf(1), imageOf(2)], ['lantern.jpeg?v=17', 'lantern.jpeg?v=17', 'lantern-path.jpeg?v=17'])

    // a gift card: option "Title" with amounts, not shipped, not tracked
    assert.deepEqual(voucher.options.map((o) => [o.name, o.values.map((v) => v.value)]), [['Title', ['25', '50']]])
    assert.deepEqual(voucher.variants.map((v) => [v.price, v.requiresShipping, v.trackInventory, v.inventoryPolicy]), [
      [2500, false, false, 'continue'],
      [5000, false, false, 'continue'],
    ])

    const again = await cli('import', 'products', file, '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 5, errorCount: 0, warningCount: 4 })
    const trip = await roundTrip('rk-')
    assert.deepInclude(trip.result, { created: 0, updated: 0, unchanged: 5, errorCount: 0, warningCount: 0 })
  })

  test('a SKU another product holds in the store is a warning, never a SQL message', async ({ assert }) => {
    const owner = await Product.create({ handle: 'sk-owner', title: 'Owner', status: 'active' })
    await owner.related('variants').create({ title: 'Default Title', price: 100, sku: 'SK-TAKEN' })
    const header = 'Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\n'
    const file = tempFile('sk-taken.csv', header + 'sk-newcomer,Newcomer,Title,Default Title,SK-TAKEN,5.00\n')
    const report = tempFile('sk-taken-report.csv')
    const result = await cli('import', 'products', file, '--report', report, '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepInclude(result.json(), { created: 1, errorCount: 0, warningCount: 1 })
    assert.deepEqual(reportRows(report)[0], {
      line: '2', handle: 'sk-newcomer', sku: 'SK-TAKEN', kind: 'warning',
      message: 'SKU "SK-TAKEN" belongs to product sk-owner in the store: imported without a SKU',
    })
    const [newcomer] = await productsWithPrefix('sk-newcomer')
    assert.isNull(newcomer.variants[0].sku)
  })

  test('CRLF line endings, a BOM and line breaks inside cells: lines reported where the record starts', async ({ assert }) => {
    const file = join(IMPORT_FIXTURES, 'shopify_crlf_bom.csv')
    const report = tempFile('crlf-report.csv')
    const result = await cli('import', 'products', file, '--report', report, '--json')
    assert.equal(result.code, 1)
    assert.deepInclude(result.json(), { created: 3, errorCount: 1 })
    // `sed -n 8p` shows the broken bench's first line
    assert.deepEqual(reportRows(report), [{ line: '8', handle: 'crlf-broken-bench', sku: '', kind: 'error', message: 'Price: "n/a" is not a number' }])
    assert.equal(readFileSync(file, 'utf8').split('\n')[7].split(',')[0], 'crlf-broken-bench')

    const [planter, swing, hammock] = await productsWithPrefix('crlf-')
    assert.equal(hammock.title, 'Rope Hammock')
    assert.equal(hammock.descriptionHtml, '<p>Cotton rope.</p>\r\n<p>Hangs between two trees.</p>\r\n<p>Holds 150 kg.</p>')
    assert.deepEqual(planter.variants.map((v) => [v.option1, v.sku, v.price, v.weightGrams]), [['S', 'PL-PLANTER-S', 1900, 900], ['L', 'PL-PLANTER-L', 3400, 1800]])
    assert.equal(swing.variants[0].price, 24000)
    // the stock ledger names the same lines
    const ledger = await db
      .from('inventory_movements')
      .whereIn('variant_id', [...planter.variants, ...swing.variants].map((v) => v.id))
      .orderBy('reference')
      .select('reference', 'delta')
    assert.deepEqual(ledger.map((row) => [row.reference, Number(row.delta)]), [
      ['shopify_crlf_bom.csv:10', 1],
      ['shopify_crlf_bom.csv:5', 5],
      ['shopify_crlf_bom.csv:7', 2],
    ])

    const again = await cli('import', 'products', file, '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 3, errorCount: 1 })
    const trip = await roundTrip('crlf-')
    assert.deepInclude(trip.result, { created: 0, updated: 0, unchanged: 3, errorCount: 0 })
  })

  test('WooCommerce unit headers convert to grams; unread columns are named; price-less products arrive as drafts', async ({ assert }) => {
    const file = join(IMPORT_FIXTURES, 'woocommerce_units.csv')
    const report = tempFile('wu-report.csv')
    const result = await cli('import', 'products', file, '--report', report, '--json')
    assert.equal(result.code, 0, result.stderr)
    const json = result.json()
    assert.deepInclude(json, { format: 'woocommerce', created: 4, errorCount: 0, warningCount: 2 })
    assert.deepEqual(json.ignoredColumns, [
      'GTIN, UPC, EAN, or ISBN', 'Is featured?', 'Visibility in catalog', 'In stock?', 'Length (in)', 'Width (in)', 'Height (in)',
      'Position', 'Attribute 1 visible', 'Attribute 1 global', 'Meta: _trail_rating', 'Meta: _packed_size',
    ])
    assert.deepEqual(reportRows(report).map((row) => [row.line, row.handle, row.kind, row.message]), [
      ['6', 'wu-draft-lantern', 'warning', 'No price on line 6: imported as a draft at 0.00'],
      ['7', 'wu-sleeping-pad', 'warning', 'No price on line 8: imported as a draft at 0.00'],
    ])

    const [kettle, lantern, pad, tent] = await productsWithPrefix('wu-')
    // pounds: 2.5 lb = 1,134 g; 3.1 lb = 1,406 g; 4.4 lb = 1,996 g
    assert.deepEqual(kettle.variants.map((v) => [v.sku, v.price, v.weightGrams]), [['WU-KETTLE', 4500, 1134]])
    assert.deepEqual(await availableOf(kettle), [7])
    // the exporter writes a line break as the two characters \n (a CRLF keeps its CR): restored
    assert.equal(kettle.descriptionHtml, '<p>Hard-anodised kettle.</p>\r\n<p>Folding handle.</p>')
    assert.deepEqual(tent.variants.map((v) => [v.option1, v.price, v.compareAtPrice, v.weightGrams, v.inventoryPolicy]), [
      ['2-person', 24900, 28900, 1406, 'deny'],
      ['3-person', 33900, null, 1996, 'continue'],
    ])
    assert.equal(tent.status, 'active')
    assert.deepEqual([lantern.status, lantern.variants[0].price, lantern.variants[0].weightGrams], ['draft', 0, 340])
    assert.deepEqual([pad.status, pad.variants.map((v) => [v.option1, v.price])], ['draft', [['Regular', 0], ['Long', 4200]]])

    const again = await cli('import', 'products', file, '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 4, errorCount: 0 })
    const trip = await roundTrip('wu-')
    assert.deepInclude(trip.result, { created: 0, updated: 0, unchanged: 4, errorCount: 0 })
  })
})

test.group('CLI | import products: error hygiene', () => {
  test('a file that is not a product CSV is named with at most 100 printable characters of its header', async ({ assert }) => {
    const binary = Buffer.concat([Buffer.from('\u0000\u0001PK\u0003\u0004'), Buffer.alloc(70_000, 'x'), Buffer.from([0xff, 0xfe, 0x07])])
    const file = tempFile('not-products.bin')
    writeFileSync(file, binary)
    const result = await cli('import', 'products', file, '--json')
    assert.equal(result.code, 2)
    const message: string = result.json().error
    const headers = message.slice(message.indexOf('(headers: ') + 10, -1)
    assert.isAtMost(headers.length, 101)
    assert.notMatch(message, /[\u0000-\u0008\u000e-\u001f]/)
  })

  test('a Shopify file without a price column is one usage error, not one per row', async ({ assert }) => {
    const rows = ['Handle,Title,Variant SKU', ...Array.from({ length: 50 }, (_, index) => `np-item-${index},Item ${index},NP-${index}`)]
    const result = await cli('import', 'products', tempFile('no-price.csv', rows.join('\n')), '--json')
    assert.equal(result.code, 2)
    assert.deepEqual(result.json(), { error: 'no-price.csv has no price column (Variant Price, or Price in the 2024 template)' })
    assert.lengthOf(await productsWithPrefix('np-'), 0)
  })

  test('a cell over 1 MB keeps its row out with a human message; the rest imports', async ({ assert }) => {
    const huge = `<p>${'a'.repeat(1_100_000)}</p>`
    const header = 'Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant Price\n'
    const file = tempFile('big-cell.csv', `${header}bc-small,Small,<p>ok</p>,Title,Default Title,1.00\nbc-huge,Huge,${huge},Title,Default Title,2.00\nbc-after,After,,Title,Default Title,3.00\n`)
    const report = tempFile('big-cell-report.csv')
    const result = await cli('import', 'products', file, '--report', report, '--json')
    assert.equal(result.code, 1)
    assert.deepInclude(result.json(), { created: 2, errorCount: 1 })
    assert.deepEqual(reportRows(report), [{ line: '3', handle: 'bc-huge', sku: '', kind: 'error', message: 'Body (HTML) is longer than 1 MB of text: shorten it' }])
    assert.deepEqual((await productsWithPrefix('bc-')).map((p) => p.handle), ['bc-after', 'bc-small'])
  })
})
