import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Product from '#models/product'
import app from '@adonisjs/core/services/app'
import { GARDEN_CSV, HOUSE_CSV, IMPORT_FIXTURES, SHOPIFY_SAMPLES, cli, productsWithPrefix, outsideSamples, prefixedShopify, requireSamples, tempFile } from '#tests/cli/helpers'
import { InsufficientStockError, InventoryPort } from '#plugin_host/extension_points/inventory'
import { variantAvailability } from '#queries/storefront_product_query'

const inventoryPort = await app.container.make(InventoryPort)

async function availableOf(product: Product) {
  return inventoryPort.available(product.variants.map((variant) => variant.id))
}

/** What checkout does when it places an order for `quantity` units, undone afterwards. */
async function reserveAndRollBack(variantId: number, quantity: number) {
  const trx = await db.transaction()
  try {
    await inventoryPort.reserve([{ variantId, quantity }], { orderId: 0, expiresAt: new Date(Date.now() + 60_000), trx })
  } finally {
    await trx.rollback()
  }
}

test.group('CLI | import products: Shopify', () => {
  test('the real Shopify samples import with their products, variants, options, prices and pending images', async ({ assert }) => {
    requireSamples()
    const jewelery = await cli('import', 'products', prefixedShopify(join(SHOPIFY_SAMPLES, 'jewelery.csv'), 'cj-'), '--json')
    assert.equal(jewelery.code, 0, jewelery.stderr)
    assert.deepInclude(jewelery.json(), { format: 'shopify', created: 20, updated: 0, unchanged: 0, errorCount: 0 })

    const products = await productsWithPrefix('cj-')
    assert.lengthOf(products, 20)
    assert.equal(products.flatMap((p) => p.variants).length, 23)
    assert.equal(products.flatMap((p) => p.images).length, 41)
    assert.isTrue(products.flatMap((p) => p.images).every((image) => image.status === 'pending' && image.sourceUrl?.startsWith('https://')))
    assert.equal(products.filter((p) => p.options.length).length, 3)

    const anchor = products.find((p) => p.handle === 'cj-leather-anchor')!
    assert.equal(anchor.title, 'Anchor Bracelet Mens')
    assert.equal(anchor.status, 'active')
    assert.deepEqual(anchor.options.map((o) => [o.name, o.values.map((v) => v.value)]), [['Color', ['Gold', 'Silver']]])
    assert.deepEqual(anchor.variants.map((v) => [v.title, v.price, v.compareAtPrice]), [['Gold', 6999], ['Silver', 5500]].map(([t, p]) => [t, p, 8500]))
    assert.deepEqual(anchor.tagList.sort(), ['Anchor', 'Gold', 'Leather', 'Silver'])
    assert.lengthOf(anchor.images, 3)
    // the variant image is linked to the product image with the same URL
    const silverImage = anchor.images.find((image) => image.id === anchor.variants[1].imageId)
    assert.equal(silverImage?.sourceUrl, 'https://burst.shopifycdn.com/photos/anchor-bracelet-for-men_925x.jpg')
    // The samples leave Variant Inventory Tracker blank: Shopify's "not tracked", so their quantities are not stock.
    assert.isTrue(products.flatMap((p) => p.variants).every((variant) => !variant.trackInventory))
    assert.deepEqual([...(await availableOf(anchor)).values()], [0, 0])

    const earrings = products.find((p) => p.handle === 'cj-boho-earrings')!
    assert.deepEqual(earrings.variants.map((v) => [v.title, v.weightGrams, v.price]), [['Default Title', 28, 2799]])
    assert.lengthOf(earrings.options, 0)

    const apparel = await cli('import', 'products', prefixedShopify(join(SHOPIFY_SAMPLES, 'apparel.csv'), 'ca-'), '--json')
    assert.deepInclude(apparel.json(), { created: 20, errorCount: 0 })
    const clothes = await productsWithPrefix('ca-')
    assert.equal(clothes.flatMap((p) => p.variants).length, 22)
    const varsity = clothes.find((p) => p.handle === 'ca-classic-varsity-top')!
    assert.deepEqual(varsity.variants.map((v) => [v.option1, v.price]), [['Small', 6000], ['Medium', 6000], ['Large', 6000]])
  }).skip(outsideSamples().skip, outsideSamples().reason)

  test('our legacy export imports with its products, variants, options, prices, trackers and pending images', async ({ assert }) => {
    const house = await cli('import', 'products', prefixedShopify(HOUSE_CSV, 'oh-'), '--json')
    assert.equal(house.code, 0, house.stderr)
    assert.deepInclude(house.json(), { format: 'shopify', created: 20, updated: 0, unchanged: 0, errorCount: 0, warningCount: 0 })

    const products = await productsWithPrefix('oh-')
    assert.lengthOf(products, 20)
    assert.equal(products.flatMap((p) => p.variants).length, 23)
    assert.equal(products.flatMap((p) => p.images).length, 41)
    assert.isTrue(products.flatMap((p) => p.images).every((image) => image.status === 'pending' && image.sourceUrl?.startsWith('https://')))
    assert.equal(products.filter((p) => p.options.length).length, 3)

    const napkins = products.find((p) => p.handle === 'oh-linen-napkin-set')!
    assert.equal(napkins.title, 'Linen Napkin Set')
    assert.equal(napkins.status, 'active')
    assert.deepEqual(napkins.options.map((o) => [o.name, o.values.map((v) => v.value)]), [['Color', ['Sage', 'Clay']]])
    assert.deepEqual(napkins.variants.map((v) => [v.title, v.sku, v.price, v.compareAtPrice, v.weightGrams]), [
      ['Sage', 'OH-HL-NAP-SAGE', 6999, 8500, 240],
      ['Clay', 'OH-HL-NAP-CLAY', 5500, 8500, 240],
    ])
    assert.deepEqual(napkins.tagList.sort(), ['Clay', 'Linen', 'Sage', 'Table'])
    assert.deepEqual(napkins.images.map((image) => image.alt), ['Sage napkins folded', 'Clay napkins folded', 'Napkins on a laid table'])
    const clayImage = napkins.images.find((image) => image.id === napkins.variants[1].imageId)
    assert.equal(clayImage?.sourceUrl, 'https://images.example.test/house/napkin-clay.jpg')
    // "shopify" in Variant Inventory Tracker: tracked, the quantity is the stock
    assert.isTrue(napkins.variants.every((v) => v.trackInventory))
    assert.deepEqual([...(await availableOf(napkins)).values()], [1, 0])

    // a blank tracker is Shopify's "not tracked": no stock set, sellable without it
    const coaster = products.find((p) => p.handle === 'oh-oak-coaster')!
    assert.deepEqual(coaster.variants.map((v) => [v.title, v.weightGrams, v.price, v.sku, v.trackInventory]), [['Default Title', 28, 2799, null, false]])
    // ...so with no stock at all it shows in stock and checkout can reserve it, where a tracked
    // variant at 0 (the Clay napkins, policy deny) is sold out and refused
    const [coasterVariant, clayNapkins] = [coaster.variants[0], napkins.variants[1]]
    assert.equal(variantAvailability(coasterVariant, (await availableOf(coaster)).get(coasterVariant.id)).state, 'in_stock')
    assert.equal(variantAvailability(clayNapkins, 0).state, 'sold_out')
    await reserveAndRollBack(coasterVariant.id, 3)
    await assert.rejects(() => reserveAndRollBack(clayNapkins.id, 1), InsufficientStockError)
    assert.lengthOf(coaster.options, 0)
    const mug = products.find((p) => p.handle === 'oh-stoneware-mug')!
    assert.deepEqual(mug.variants.map((v) => [v.option1, v.trackInventory]), [['Moss', false], ['Ash', false]])

    const garden = await cli('import', 'products', prefixedShopify(GARDEN_CSV, 'og-'), '--json')
    assert.deepInclude(garden.json(), { created: 20, errorCount: 0 })
    const clothes = await productsWithPrefix('og-')
    assert.equal(clothes.flatMap((p) => p.variants).length, 22)
    const jacket = clothes.find((p) => p.handle === 'og-field-jacket')!
    assert.deepEqual(jacket.variants.map((v) => [v.option1, v.price]), [['Small', 6000], ['Medium', 6000], ['Large', 6000]])
  })

  test('the 2023 template imports: status column, cost, scientific notation, image-only rows', async ({ assert }) => {
    const result = await cli('import', 'products', join(IMPORT_FIXTURES, 'shopify_2023.csv'), '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepInclude(result.json(), { created: 3, errorCount: 0 })

    const [tote, mug, beanie] = await productsWithPrefix('t23-')
    assert.equal(beanie.handle, 't23-wool-beanie')
    assert.equal(beanie.status, 'active')
    assert.notInclude(beanie.descriptionHtml!, '<script>')
    assert.include(beanie.descriptionHtml!, '<strong>merino</strong>')
    assert.equal(beanie.seoTitle, 'Wool Beanie | Northwind')
    assert.deepEqual(beanie.options.map((o) => [o.name, o.values.map((v) => v.value)]), [['Color', ['Red', 'Navy']], ['Size', ['S', 'M']]])
    assert.deepEqual(
      beanie.variants.map((v) => [v.sku, v.title, v.price, v.compareAtPrice, v.cost, v.inventoryPolicy, v.barcode]),
      [
        ['T23-BEANIE-RED-S', 'Red / S', 1999, 2499, 725, 'deny', '0123456789012'],
        ['T23-BEANIE-RED-M', 'Red / M', 1999, 2499, 725, 'deny', null],
        ['T23-BEANIE-NAVY-S', 'Navy / S', 2100, null, 725, 'continue', null],
      ]
    )
    assert.deepEqual([...(await availableOf(beanie)).values()], [15, 3, 0])
    assert.deepEqual(beanie.images.map((image) => image.alt), ['Red beanie', 'Navy beanie', 'Flat lay'])

    assert.equal(tote.status, 'draft')
    assert.deepEqual([tote.variants[0].price, tote.variants[0].cost, tote.variants[0].taxable, tote.variants[0].weightGrams], [2400, 950, false, 450])
    assert.equal(mug.status, 'archived')
    assert.lengthOf(mug.images, 0)
    // the mug's tracker is blank (not tracked), the others say "shopify"
    assert.deepEqual([mug.variants[0].trackInventory, tote.variants[0].trackInventory, beanie.variants[0].trackInventory], [false, true, true])
  })

  test('the 2024-25 renamed headers import', async ({ assert }) => {
    const result = await cli('import', 'products', join(IMPORT_FIXTURES, 'shopify_2025.csv'), '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepInclude(result.json(), { created: 2, errorCount: 0 })
    // the renamed columns Stockroom leaves out are known ones, as under the old headers
    assert.deepEqual(result.json().knownColumns, ['Product category', 'Tax code', 'Weight unit for display', 'Fulfillment service', 'Gift card'])
    assert.deepEqual(result.json().ignoredColumns, [])

    const [notebook, shirt] = await productsWithPrefix('t25-')
    assert.equal(shirt.title, 'Linen Shirt')
    assert.deepEqual(
      shirt.variants.map((v) => [v.sku, v.option1, v.price, v.compareAtPrice, v.weightGrams, v.inventoryPolicy]),
      [
        ['T25-LINEN-S', 'S', 4900, 5900, 300, 'deny'],
        ['T25-LINEN-M', 'M', 4900, 5900, 310, 'deny'],
        ['T25-LINEN-L', 'L', 5200, null, 320, 'continue'],
      ]
    )
    assert.deepEqual([...(await availableOf(shirt)).values()], [5, 0, 3])
    assert.lengthOf(shirt.images, 3)
    assert.equal(notebook.variants[0].price, 1200)
    assert.equal(notebook.variants[0].barcode, '4006381333931')
    assert.isFalse(notebook.variants[0].taxable)
  })

  test('importing the same file again changes nothing', async ({ assert }) => {
    const file = prefixedShopify(HOUSE_CSV, 'cr-')
    await cli('import', 'products', file)
    const before = await productsWithPrefix('cr-')
    const movements = await db.from('inventory_movements').where('reference', 'like', 'cr-%').count('* as total').first()

    const again = await cli('import', 'products', file, '--json')
    assert.equal(again.code, 0)
    assert.deepInclude(again.json(), { created: 0, updated: 0, unchanged: 20, errorCount: 0 })
    const after = await productsWithPrefix('cr-')
    assert.deepEqual(after.map((p) => [p.lockVersion, p.updatedAt.toISO()]), before.map((p) => [p.lockVersion, p.updatedAt.toISO()]))
    assert.equal(after.flatMap((p) => p.images).length, before.flatMap((p) => p.images).length)
    const movementsAfter = await db.from('inventory_movements').where('reference', 'like', 'cr-%').count('* as total').first()
    assert.equal(Number(movementsAfter.total), Number(movements.total))

    // a changed price updates just that product, with a human summary
    const edited = tempFile('cr-edited.csv', readFileSync(file, 'utf8').replace(',39.99,43.99,', ',35.00,43.99,'))
    const changed = await cli('import', 'products', edited)
    assert.match(changed.stdout, /updated\s+1\b/)
    assert.match(changed.stdout, /unchanged\s+19\b/)
    const holder = await Product.query().where('handle', 'cr-brass-candle-holder').preload('variants').firstOrFail()
    assert.equal(holder.variants[0].price, 3500)
  })
})

test.group('CLI | import products: WooCommerce', () => {
  test('variable products with variations, virtual, external and grouped rows', async ({ assert }) => {
    const report = tempFile('woo-report.csv')
    const result = await cli('import', 'products', join(IMPORT_FIXTURES, 'woocommerce.csv'), '--report', report, '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.deepInclude(result.json(), { format: 'woocommerce', created: 4, skipped: 1, errorCount: 0 })
    assert.match(readFileSync(report, 'utf8'), /^7,,WOO-BUNDLE,skipped,"Grouped product ""Woo Bundle"" skipped/m)

    const [ebook, hoodie, mug, lamp] = await productsWithPrefix('woo-')
    assert.equal(hoodie.productType, 'Hoodies')
    assert.deepEqual(hoodie.options.map((o) => [o.name, o.values.map((v) => v.value)]), [['Color', ['Blue', 'Green']], ['Size', ['S', 'M']]])
    assert.deepEqual(
      hoodie.variants.map((v) => [v.sku, v.title, v.price, v.compareAtPrice, v.weightGrams]),
      [
        ['WOO-HOODIE-BLUE-S', 'Blue / S', 4000, 4500, 500],
        ['WOO-HOODIE-GREEN-M', 'Green / M', 4500, null, 550],
      ]
    )
    assert.deepEqual([...(await availableOf(hoodie)).values()], [5, 2])
    assert.lengthOf(hoodie.images, 3)
    assert.equal(hoodie.images.find((image) => image.id === hoodie.variants[0].imageId)?.sourceUrl, 'https://example.test/hoodie-blue.jpg')

    assert.deepEqual([ebook.variants[0].requiresShipping, ebook.variants[0].taxable, ebook.variants[0].trackInventory], [false, false, false])
    assert.deepEqual([lamp.variants[0].price, lamp.variants[0].requiresShipping], [12000, false])
    assert.equal(mug.status, 'draft')
    assert.deepEqual([mug.variants[0].price, mug.variants[0].compareAtPrice, mug.variants[0].inventoryPolicy], [1000, 1250, 'continue'])
  })
})

test.group('CLI | import products: errors, dry run, usage', () => {
  test('a bad row is reported with its line and the rest imports', async ({ assert }) => {
    const report = tempFile('bad-report.csv')
    const result = await cli('import', 'products', join(IMPORT_FIXTURES, 'shopify_bad_price.csv'), '--report', report)
    assert.equal(result.code, 1)
    assert.match(result.stdout, /created\s+2\b/)
    assert.match(result.stdout, /line 4 \(bad-broken\): Price: "abc" is not a number/)

    const lines = readFileSync(report, 'utf8').trim().split('\n')
    assert.deepEqual(lines, ['line,handle,sku,kind,message', '4,bad-broken,BAD-BROKEN-M,error,"Price: ""abc"" is not a number"'])
    const handles = (await Product.query().whereLike('handle', 'bad-%')).map((p) => p.handle).sort()
    assert.deepEqual(handles, ['bad-first', 'bad-last'])
  })

  test('a dry run counts what would change and writes nothing', async ({ assert }) => {
    const file = prefixedShopify(GARDEN_CSV, 'cd-')
    const counts = async () => ({
      products: Number((await db.from('products').count('* as n').first()).n),
      images: Number((await db.from('product_images').count('* as n').first()).n),
      movements: Number((await db.from('inventory_movements').count('* as n').first()).n),
      events: Number((await db.from('outbox_events').count('* as n').first()).n),
    })
    const before = await counts()
    const result = await cli('import', 'products', file, '--dry-run', '--json')
    assert.equal(result.code, 0)
    assert.deepInclude(result.json(), { dryRun: true, created: 20, updated: 0 })
    assert.deepEqual(await counts(), before)
  })

  test('bad usage exits with 2 and says why', async ({ assert }) => {
    const file = join(IMPORT_FIXTURES, 'shopify_2025.csv')
    for (const argv of [
      ['import', 'products', file, '--mode', 'sometimes'],
      ['import', 'products', file, '--no-such-option'],
      ['import', 'products'],
      ['import', 'products', 'missing.csv'],
      ['import', 'products', join(IMPORT_FIXTURES, 'woocommerce.csv'), '--format', 'shopify'],
      ['explode'],
    ]) {
      const result = await cli(...argv)
      assert.equal(result.code, 2, argv.join(' '))
      assert.isNotEmpty(result.stderr, argv.join(' '))
    }
    const json = await cli('import', 'products', 'missing.csv', '--json')
    assert.deepEqual(json.json(), { error: 'No such file: missing.csv' })

    // a directory is bad usage too, said plainly (not EISDIR)
    const folder = await cli('import', 'products', IMPORT_FIXTURES, '--json')
    assert.equal(folder.code, 2)
    assert.deepEqual(folder.json(), { error: `${IMPORT_FIXTURES} is not a file` })

    // the option parser's own errors still answer JSON under --json
    const choice = await cli('import', 'products', file, '--mode', 'sometimes', '--json')
    assert.equal(choice.code, 2)
    assert.match(choice.json().error, /argument 'sometimes' is invalid/)
    const unknown = await cli('--json', 'import', 'products', file, '--no-such-option')
    assert.equal(unknown.code, 2)
    assert.match(unknown.json().error, /unknown option '--no-such-option'/)
  })

  test('--help lists examples and exits 0', async ({ assert }) => {
    const result = await cli('import', 'products', '--help')
    assert.equal(result.code, 0)
    assert.include(result.stdout, 'Examples:')
    assert.include(result.stdout, '--dry-run')
  })
})
