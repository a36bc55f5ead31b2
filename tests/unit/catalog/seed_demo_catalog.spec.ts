import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import sharp from 'sharp'
import SeedDemoCatalog from '#actions/catalog/seed_demo_catalog'
import { DatabaseInventory } from '#plugins/inventory/drivers/database_inventory'
import Product from '#models/product'
import StoreSetting from '#models/store_setting'
import { invalidateStoreSettings, type HomeSettings } from '#settings/store_settings'

const count = async (query: any) => Number((await query.count('* as total').first()).total)

test.group('Catalog | demo seeder', (group) => {
  let uploadsDir: string
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await db.from('products').delete()
    await db.from('collections').delete()
    await db.from('store_settings').delete()
    uploadsDir = await mkdtemp(join(tmpdir(), 'stockroom-seed-'))
    return async () => {
      await rm(uploadsDir, { recursive: true, force: true })
      // the global transaction rolls the seeded settings back: no process cache may keep them
      await invalidateStoreSettings()
    }
  })

  test('seeds >= 200 active products, each with priced, stocked variants and a ready image', async ({ assert }) => {
    const result = await new SeedDemoCatalog().handle({ uploadsDir })
    assert.isFalse(result.skipped)
    // how long seeding takes is measured by npm run bench:tasks, not timed here

    const active = await Product.query().apply((scopes) => scopes.active()).preload('variants').preload('images')
    assert.isAtLeast(active.length, 200)
    assert.equal(active.length, result.activeProducts)
    assert.equal(await count(db.from('variants')), result.variants)

    const available = await new DatabaseInventory().available(active.flatMap((p) => p.variants.map((v) => v.id)))
    for (const product of active) {
      assert.isAtLeast(product.variants.length, 1, product.handle)
      assert.isTrue(product.variants.every((variant) => Number.isInteger(variant.price) && variant.price > 0), product.handle)
      assert.isTrue(product.variants.some((variant) => available.get(variant.id)! > 0), `${product.handle} has stock`)
      const ready = product.images.filter((image) => image.status === 'ready')
      assert.lengthOf(ready, 1, product.handle)
      assert.isTrue(existsSync(join(uploadsDir, ready[0].storageKey!)), ready[0].storageKey!)
      assert.equal(statSync(join(uploadsDir, ready[0].storageKey!)).size, ready[0].byteSize)
    }

    // each picture is drawn for its product and stored like an upload: an original and its srcset widths
    const sample = active[0].images.find((image) => image.status === 'ready')!
    const meta = await sharp(join(uploadsDir, sample.storageKey!)).metadata()
    assert.deepInclude(meta, { format: 'webp', width: 800, height: 800 })
    assert.equal(sample.storageKey, `products/${active[0].id}/placeholder.webp`)
    assert.deepEqual(sample.renditions!.map((rendition) => rendition.width), [160, 320, 640, 800])
    for (const rendition of sample.renditions!) {
      assert.deepInclude(await sharp(join(uploadsDir, rendition.key)).metadata(), { format: 'webp', width: rendition.width })
    }
    // drawn in the product's colours, not a flat tile: the picture has many distinct colours
    const { dominant, channels } = await sharp(join(uploadsDir, sample.renditions![1].key)).stats()
    assert.isAbove(channels[0].stdev + channels[1].stdev + channels[2].stdev, 30, `${dominant.r},${dominant.g},${dominant.b}`)
    // products of different types get different drawings
    const byType = new Map(active.map((product) => [product.productType, product]))
    assert.isAtLeast(byType.size, 5)
    const sizes = new Set([...byType.values()].map((product) => product.images.find((image) => image.status === 'ready')!.byteSize))
    assert.equal(sizes.size, byType.size, 'each type is drawn differently')

    // Stock went through the driver: every level has its ledger row.
    assert.equal(await count(db.from('inventory_movements').where('reason', 'seed')), await count(db.from('inventory_levels')))
    assert.equal(await count(db.from('collections')), result.collections)
    assert.isAtLeast(result.collections, 3)
    assert.isAtLeast(await count(db.from('collection_products')), result.collections * 10)

    // A first start opens on a home page set up as a merchant would: a hero with a button into a collection.
    const home = (await StoreSetting.findOrFail('home')).value as HomeSettings
    assert.equal(home.heroHeading, 'Everyday goods, made to last')
    assert.isNotEmpty(home.heroText)
    const handle = home.buttonLink?.replace('/collections/', '')
    assert.match(home.buttonLink ?? '', /^\/collections\//)
    assert.equal(await count(db.from('collections').where('handle', handle!).where('published', true)), 1)
    assert.match(home.buttonLabel ?? '', /^Shop /)
    // drawing and storing 216 pictures takes 15–40 s on a shared 2-core machine
  }).timeout(150_000)

  test('imports Shopify CSVs found in the fixtures folder: options, variant prices, pending remote images', async ({ assert }) => {
    // Our own legacy-dialect export, shaped like Shopify's sample stores.
    const fixturesDir = join(uploadsDir, 'samples')
    mkdirSync(fixturesDir, { recursive: true })
    copyFileSync(app.makePath('tests/fixtures/import/shopify_legacy_house.csv'), join(fixturesDir, 'house.csv'))
    const result = await new SeedDemoCatalog().handle({ uploadsDir, fixturesDir, generated: { active: 0, drafts: 0, archived: 0 } })
    assert.equal(result.imported, 20)

    const napkins = await Product.query()
      .where('handle', 'linen-napkin-set')
      .preload('variants')
      .preload('images')
      .preload('tags')
      .preload('options', (options) => options.preload('values'))
      .firstOrFail()
    assert.deepEqual(napkins.variants.map((v) => [v.option1, v.price, v.compareAtPrice]), [['Sage', 6999, 8500], ['Clay', 5500, 8500]])
    assert.deepEqual(napkins.options.map((o) => [o.name, o.values.map((v) => v.value)]), [['Color', ['Sage', 'Clay']]])
    assert.sameMembers(napkins.tagList, ['Clay', 'Linen', 'Sage', 'Table'])
    const pending = napkins.images.filter((image) => image.status === 'pending')
    assert.lengthOf(pending, 3)
    assert.isTrue(pending.every((image) => image.sourceUrl?.startsWith('https://') && image.storageKey === null))
    assert.equal(napkins.variants[1].imageId, pending.find((i) => i.sourceUrl!.endsWith('napkin-clay.jpg'))!.id)
  }).timeout(60_000)

  test('falls back to generated products when the samples are absent, deterministically', async ({ assert }) => {
    const options = { uploadsDir, fixturesDir: join(uploadsDir, 'missing'), generated: { active: 20, drafts: 2, archived: 1 } }
    const first = await new SeedDemoCatalog().handle(options)
    assert.equal(first.imported, 0)
    assert.equal(first.activeProducts, 20)
    const snapshot = await db.from('products').orderBy('handle').select('handle', 'status')
    const prices = await db.from('variants').orderBy('sku').select('sku', 'price')

    assert.isTrue((await new SeedDemoCatalog().handle(options)).skipped, 'a store with products is left alone')

    await db.from('products').delete()
    await db.from('collections').delete()
    await new SeedDemoCatalog().handle(options)
    assert.deepEqual(await db.from('products').orderBy('handle').select('handle', 'status'), snapshot)
    assert.deepEqual(await db.from('variants').orderBy('sku').select('sku', 'price'), prices)
  }).timeout(60_000)
})
