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
 * What the real-export study found WooCommerce stores doing that the
 * importer lost or refused: attributes on simple products (a wine's Winery
 * and Region), attributes a variable product has besides its variation
 * options, a variable product with no variations yet, and exports made by
 * an admin whose WordPress speaks another language.
 */

async function availableOf(product: Product) {
  return [...(await inventoryPort.available(product.variants.map((variant) => variant.id))).values()]
}

const tagsOf = (product: Product) => product.tags.map((tag) => tag.tag).sort()

test.group('CLI | WooCommerce attributes and variable products', () => {
  test('attributes that are not variation options become "Name: value" tags; a variable product without variations imports as a draft with a warning', async ({ assert }) => {
    const file = join(IMPORT_FIXTURES, 'woocommerce_attributes.csv')
    const report = tempFile('wa-report.csv')
    const result = await cli('import', 'products', file, '--report', report, '--json')
    assert.equal(result.code, 0, result.stdout + result.stderr)
    const json = result.json()
    assert.deepInclude(json, { format: 'woocommerce', created: 5, errorCount: 0, warningCount: 3 })
    assert.notIncludeMembers(json.ignoredColumns, ['Attribute 1 name', 'Attribute 1 value(s)', 'Attribute 2 name', 'Attribute 2 value(s)'])

    const reported: Record<string, string>[] = parse(readFileSync(report), { columns: true })
    assert.deepEqual(reported.map((row) => [row.line, row.handle, row.kind, row.message]), [
      ['7', 'wa-tasting-box', 'warning', 'The variable product has no variations: imported as a draft with one variant from its own row'],
      ['8', 'wa-gift-crate', 'warning', 'The variable product has no variations: imported as a draft with one variant from its own row'],
      ['8', 'wa-gift-crate', 'warning', 'No price on line 8: imported as a draft at 0.00'],
    ])

    const [apron, white, crate, red, tasting] = await productsWithPrefix('wa-')
    assert.deepEqual(tagsOf(red), ['gift', 'Region: Douro Valley', 'Winery: Hillside Cellars'].sort())
    assert.deepEqual(red.variants.map((v) => [v.sku, v.price, v.weightGrams]), [['WA-RED-2019', 1850, 1300]])
    assert.deepEqual(tagsOf(white), ['Grapes: Alvarinho', 'Grapes: Arinto', 'Region: Vinho Verde'])
    assert.deepEqual(white.options, [], 'a simple product keeps its one default variant')

    assert.deepEqual(apron.options.map((o) => [o.name, o.values.map((v) => v.value)]), [['Size', ['S', 'M']]])
    assert.deepEqual(tagsOf(apron), ['Material: Waxed canvas'])

    assert.deepEqual([tasting.status, tagsOf(tasting), tasting.descriptionHtml], ['draft', ['Bottles: 6'], '<p>Six bottles chosen each season.</p>'])
    assert.deepEqual(tasting.variants.map((v) => [v.sku, v.price, v.weightGrams, v.trackInventory]), [['WA-TASTING', 4500, 8000, true]])
    assert.deepEqual(await availableOf(tasting), [5])
    assert.deepEqual([crate.status, crate.variants.map((v) => [v.sku, v.price, v.trackInventory])], ['draft', [[null, 0, false]]])

    const again = await cli('import', 'products', file, '--json')
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 5, errorCount: 0, warningCount: 3 })
    const trip = await roundTrip('wa-')
    assert.deepInclude(trip.result, { created: 0, updated: 0, unchanged: 5, errorCount: 0, warningCount: 0 })
  })
})

test.group('CLI | WooCommerce exports in another language', () => {
  test('translated headers are recognised by the untranslated type column and explained, not called "not a product CSV"', async ({ assert }) => {
    const result = await cli('import', 'products', join(IMPORT_FIXTURES, 'woocommerce_translated_ru.csv'), '--json')
    assert.equal(result.code, 2)
    const { error } = result.json()
    assert.match(error, /^woocommerce_translated_ru\.csv looks like a WooCommerce export with translated column names \(headers: ID, Тип, Артикул/)
    assert.match(error, /Set your WordPress profile language to English \(Users › Profile › Language\) and export the products again$/)

    // German, as a public German store's generated import file names the columns
    const german = tempFile('wr-de.csv', 'ID,Typ,Artikelnummer,Name,Veröffentlicht,Ist hervorgehoben?,Sichtbarkeit im Katalog,Kurzbeschreibung,Beschreibung,Lager,Gewicht (kg),Regulärer Preis\n301,"simple, virtual",WR-PLAKAT,Plakat A2,1,0,visible,,,,0.2,"19,99"\n')
    assert.match((await cli('import', 'products', german, '--json')).json().error, /^wr-de\.csv looks like a WooCommerce export with translated column names/)

    // a CSV that merely starts with an ID column is still just not a product CSV
    const other = tempFile('wr-other.csv', 'ID,Kunde,Betrag,Datum,Status,Land,Stadt,PLZ,Straße,Telefon\n7,Anna,12.50,2025-01-02,bezahlt,DE,Berlin,10115,Hauptstr. 1,030\n')
    const plain = await cli('import', 'products', other, '--json')
    assert.equal(plain.code, 2)
    assert.match(plain.json().error, /is neither a Shopify nor a WooCommerce product CSV/)
  })
})
