import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import app from '@adonisjs/core/services/app'
import type Product from '#models/product'
import { IMPORT_FIXTURES, cli, productsWithPrefix, roundTrip, tempFile } from '#tests/cli/helpers'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/*
 * Fixtures for what public Shopify exports of other years showed (a print
 * shop's 2021-22 export, 2024 exports of stores with several locations):
 * SKUs and barcodes of digits written with a spreadsheet apostrophe,
 * "Custom Product Type" for the type, a SKU cell holding a print-on-demand
 * app's list of item ids, no "Variant Inventory Qty" column at all,
 * "Option1 Linked To" and metafield columns; and of a WooCommerce store's
 * export: no SKUs, "variation, downloadable, virtual" rows, the exporter's
 * apostrophe before a leading "-" and its escaped line breaks. Each imports every product,
 * matches the file, imports again unchanged and round-trips.
 */

async function availableOf(product: Product) {
  return [...(await inventoryPort.available(product.variants.map((variant) => variant.id))).values()]
}

function reportRows(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true })
}

test.group('CLI | import products: dialects of real Shopify and WooCommerce exports', () => {
  test('2021-22 export: apostrophe before digit-only SKUs and barcodes dropped, Custom Product Type read, SKU lists over 120 characters imported without a SKU', async ({ assert }) => {
    const file = join(IMPORT_FIXTURES, 'shopify_2022_print_shop.csv')
    const report = tempFile('pp-report.csv')
    const result = await cli('import', 'products', file, '--report', report, '--json')
    assert.equal(result.code, 0, result.stdout + result.stderr)
    assert.deepInclude(result.json(), { created: 3, errorCount: 0, warningCount: 3 })
    assert.deepEqual(reportRows(report).map((row) => [row.line, row.handle, row.kind, row.message]), [
      ['3', 'pp-heron-print', 'warning', 'SKU "80417" is already used on line 2 (pp-heron-print): imported without a SKU'],
      ['5', 'pp-lake-tee', 'warning', 'SKU is 153 characters, over 120: imported without a SKU'],
      ['9', 'pp-lake-tee', 'warning', 'SKU is 153 characters, over 120: imported without a SKU'],
    ])

    const [mug, heron, tee] = await productsWithPrefix('pp-')
    assert.deepEqual([heron.productType, tee.productType, mug.productType], ['Art Print', 'T-Shirt', null])
    assert.deepEqual(heron.variants.map((v) => [v.option1, v.option2, v.sku, v.barcode, v.price, v.trackInventory]), [
      ['30x40', 'Matte', '80417', '0012345678905', 2400, false],
      ['30x40', 'Framed', null, null, 4900, false],
      ['50x70', 'Matte', '80418', '0012345678912', 3600, false],
    ])
    // only a digits-only value is the spreadsheet guard; an apostrophe inside a code is kept
    assert.deepEqual([mug.status, mug.variants[0].sku, mug.variants[0].barcode, mug.variants[0].weightGrams], ['draft', '0042', "O'KEEFE-77", 400])
    assert.deepEqual(tee.variants.map((v) => [v.option1, v.sku, v.weightGrams]), [['S', null, 180], ['M', null, 190], ['XL', 'PP-TEE-XL', 210]])
    assert.deepEqual(await availableOf(tee), [5, 3, 1])
    assert.equal(tee.descriptionHtml, 'Soft cotton tee with a hand-drawn lake outline.\n\n.: 100% cotton\n.: Printed when you order it')

    const again = await cli('import', 'products', file, '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 3, errorCount: 0, warningCount: 3 })
    const trip = await roundTrip('pp-')
    assert.deepInclude(trip.result, { created: 0, updated: 0, unchanged: 3, errorCount: 0, warningCount: 0 })
    // every column our own export writes is read or known: nothing reads as "not imported"
    assert.deepEqual([trip.result.ignoredColumns, trip.result.knownColumns], [[], ['Variant Fulfillment Service']])
    // our export writes digits-only codes as Shopify does, with the guard the importer took off
    assert.deepEqual(trip.kept.filter((row) => row['Variant Barcode']).map((row) => row['Variant Barcode']), ["'0012345678905", "'0012345678912", "O'KEEFE-77"])
  })

  test('2024 export without a quantity column: stock left alone, linked options and metafields named as not imported', async ({ assert }) => {
    const file = join(IMPORT_FIXTURES, 'shopify_2024_no_quantity.csv')
    const result = await cli('import', 'products', file, '--json')
    assert.equal(result.code, 0, result.stdout + result.stderr)
    const json = result.json()
    assert.deepInclude(json, { format: 'shopify', created: 2, errorCount: 0, warningCount: 0 })
    assert.includeMembers(json.ignoredColumns, [
      'Option1 Linked To', 'Unit Price Total Measure',
      'Färg (product.metafields.shopify.color-pattern)', 'Rating count (product.metafields.reviews.rating_count)',
    ])
    // columns Stockroom knows and has nothing to put in are listed apart, not as unexpected
    assert.includeMembers(json.knownColumns, ['Product Category', 'Variant Fulfillment Service', 'Variant Tax Code'])
    assert.notIncludeMembers(json.ignoredColumns, ['Product Category', 'Variant Fulfillment Service'])

    const [bench, chair] = await productsWithPrefix('nq-')
    assert.deepEqual([chair.vendor, chair.productType, chair.status, bench.status], ['Terrace Co', 'Chair', 'active', 'archived'])
    assert.deepEqual(chair.variants.map((v) => [v.option1, v.sku, v.barcode, v.price, v.compareAtPrice, v.cost, v.weightGrams, v.trackInventory, v.inventoryPolicy]), [
      ['Natural', 'NQ-CHAIR-NAT', '7391234567890', 28900, 32900, 14000, 7500, true, 'deny'],
      ['Charcoal', 'NQ-CHAIR-CHA', '7391234567906', 28900, null, 14000, 7500, true, 'continue'],
    ])
    // no quantity column: tracked variants keep the stock they have (none here), nothing enters the ledger
    assert.deepEqual(await availableOf(chair), [0, 0])
    assert.deepEqual(bench.variants.map((v) => [v.sku, v.trackInventory]), [['NQ-BENCH', false]])
    assert.deepEqual(chair.images.map((image) => [image.sourceUrl!.split('/').pop(), image.alt]), [
      ['chair-natural.jpg?v=1717000001', 'Natural rattan chair'],
      ['chair-charcoal.jpg?v=1717000002', null],
      ['chair-terrace.jpg?v=1717000003', 'On a terrace'],
    ])
    const imageOf = (index: number) => chair.images.find((image) => image.id === chair.variants[index].imageId)?.sourceUrl?.split('/').pop()
    assert.deepEqual([imageOf(0), imageOf(1)], ['chair-natural.jpg?v=1717000001', 'chair-charcoal.jpg?v=1717000002'])

    const again = await cli('import', 'products', file, '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 2, errorCount: 0 })
    const trip = await roundTrip('nq-')
    assert.deepInclude(trip.result, { created: 0, updated: 0, unchanged: 2, errorCount: 0, warningCount: 0 })
  })

  test('WooCommerce export: the exporter\'s apostrophe before -, =, +, @ is taken off (negative stock, draft -1) and escaped line breaks in descriptions are restored', async ({ assert }) => {
    const file = join(IMPORT_FIXTURES, 'woocommerce_escapes.csv')
    const result = await cli('import', 'products', file, '--json')
    assert.equal(result.code, 0, result.stdout + result.stderr)
    const json = result.json()
    assert.deepInclude(json, { format: 'woocommerce', created: 4, errorCount: 0, warningCount: 0 })
    assert.includeMembers(json.ignoredColumns, ['Meta: _old_stock_quantity', 'Meta: _yoast_wpseo_metadesc', 'External URL', 'Download limit'])

    const [stove, voucher, hammock, pack] = await productsWithPrefix('we-')
    assert.equal(pack.descriptionHtml, '<p>Pick the tier that suits you.</p>\n<p>Codes look like AB\\nCD: type them as shown.</p>')
    assert.deepEqual(pack.options.map((o) => [o.name, o.values.map((v) => v.value)]), [['Tiers', ['Bronze', 'Silver', 'Gold']]])
    assert.deepEqual(pack.variants.map((v) => [v.option1, v.sku, v.price, v.requiresShipping, v.trackInventory]), [
      ['Bronze', null, 699, false, false],
      ['Silver', null, 1000, false, false],
      ['Gold', null, 1399, false, false],
    ])
    // '-2: a product sold on backorder below zero; nothing is left to sell
    assert.equal(stove.descriptionHtml, '<p>Two burners.</p>\n<p>Runs on butane.</p>')
    assert.deepEqual(stove.variants.map((v) => [v.sku, v.price, v.compareAtPrice, v.weightGrams, v.trackInventory, v.inventoryPolicy]), [
      ['WE-STOVE', 4900, 5900, 1200, true, 'continue'],
    ])
    assert.deepEqual(await availableOf(stove), [0])
    assert.deepEqual([voucher.status, voucher.descriptionHtml, voucher.variants[0].taxable], ['draft', '- Valid for a year\n- Sent by email', false])
    assert.deepEqual([hammock.status, hammock.variants[0].requiresShipping, hammock.variants[0].trackInventory], ['active', false, false])

    const again = await cli('import', 'products', file, '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 4, errorCount: 0 })
    const trip = await roundTrip('we-')
    assert.deepInclude(trip.result, { created: 0, updated: 0, unchanged: 4, errorCount: 0, warningCount: 0 })
  })
})
