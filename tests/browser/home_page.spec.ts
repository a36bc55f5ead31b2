import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Collection from '#models/collection'
import SaveHomePage from '#actions/settings/save_home_page'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { invalidateStoreSettings } from '#settings/store_settings'
import { systemActor } from '#services/actor'
import { closeBrowser, launchBrowser } from '#tests/helpers/browser'
import { jpegImage } from '#tests/helpers/images'
import { checkPage, contextAt, CRAWL_WIDTHS, crawlWidths } from '#tests/helpers/page_checks'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { readyImage } from '#tests/helpers/variant_product'
import { signInInBrowser } from '#tests/helpers/staff_session'

/*
| The home page as staff set it up (a hero with a picture and a button, two
| featured collections, one with a picture and one without) and the settings
| pages that set it, at phone, tablet and desktop widths: nothing wider than
| the device, no serious axe finding, screenshots store-home-hero-<width>.png
| and admin-settings-home-filled-<width>.png. The plain home page (no settings)
| is in the storefront crawl.
*/

async function homeWithHero() {
  const suffix = uniqueSuffix()
  const pictured = await Collection.create({ handle: `hero-linen-${suffix}`, title: 'Linen for warm days', kind: 'manual', published: true, sortOrder: 'manual' })
  const plain = await Collection.create({ handle: `hero-wool-${suffix}`, title: 'Wool and other things with a rather long collection name', kind: 'manual', published: true, sortOrder: 'manual' })
  const [withPicture, without] = await ProductFactory.with('variants').createMany(2)
  await readyImage(withPicture.id, 1, 'A linen shirt')
  await pictured.related('products').attach({ [withPicture.id]: { position: 1 } })
  await plain.related('products').attach({ [without.id]: { position: 1 } })
  const picture = await jpegImage(2000, 1100)
  await (await app.container.make(SaveHomePage)).handle(
    {
      heroHeading: 'Made to last, washed soft and ready for every season',
      heroText: 'Linen, wool and cotton from small workshops, made to be worn for years.',
      buttonLabel: 'Shop linen',
      buttonLink: `/collections/${pictured.handle}`,
      heroImageAlt: 'Folded shirts on a wooden table',
      featuredCollectionIds: [pictured.id, plain.id],
    },
    { fileName: 'hero.jpg', size: picture.length, read: async () => picture },
    systemActor()
  )
}

test.group('Storefront | home page set up by staff, at every width', (group) => {
  group.each.setup(() => clearRateLimits())
  group.teardown(async () => {
    await db.from('store_settings').where('key', 'home').delete()
    await invalidateStoreSettings()
    await closeBrowser()
  })

  test('the hero and featured collections fit every device with no serious accessibility finding; so do the settings pages', async ({ assert }) => {
    await homeWithHero()
    const browser = await launchBrowser()
    const problems = await crawlWidths(CRAWL_WIDTHS, async (width) => {
      const context = await contextAt(browser, width)
      const page = await context.newPage()
      const response = await page.goto('/')
      assert.equal(response?.status(), 200)
      await page.evaluate(() => (globalThis as any).document.fonts.ready)
      await page.locator('.home-hero__media img').evaluate((img: any) => img.decode())
      assert.equal(await page.locator('.collection-card').count(), 2)
      const found = await checkPage(page, 'store-home-hero', width)

      await signInInBrowser(page, 'owner')
      for (const [name, path] of [['admin-settings-filled', '/admin/settings'], ['admin-settings-home-filled', '/admin/settings/home']]) {
        assert.equal((await page.goto(path))?.status(), 200, path)
        found.push(...(await checkPage(page, name, width)))
      }
      await context.close()
      return found
    })
    assert.deepEqual(problems, [])
  }).timeout(120_000)
})
