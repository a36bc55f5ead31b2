import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import runtime from '#config/runtime'
import Collection from '#models/collection'
import AuditLog from '#models/audit_log'
import SaveCollection from '#actions/catalog/save_collection'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { invalidateStoreSettings, storeSettings } from '#settings/store_settings'
import { staffPerRole } from '#tests/helpers/staff_session'
import { extractCsrfToken, HttpAgent, markupOf, type AgentResponse } from '#tests/helpers/http_agent'
import { jpegImage, svgWithScript } from '#tests/helpers/images'

const staffAs = staffPerRole()
const HOME_FORM = '/admin/settings/home'

function queries(response: AgentResponse) {
  return Number(response.headers.get('x-query-count'))
}

/** Posts the home page form as a browser does: multipart, with the page's CSRF token and the method override. */
async function saveHome(agent: HttpAgent, fields: Record<string, string | string[]>, file?: { name: string; bytes: Buffer; type: string }) {
  const form = new FormData()
  form.append('_csrf', extractCsrfToken((await agent.get(HOME_FORM)).text) ?? '')
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item)
  }
  if (file) form.append('heroImage', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
  const response = await fetch(new URL(`${HOME_FORM}?_method=PUT`, agent.baseUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { accept: 'text/html', cookie: [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
  })
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    agent.cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1))
  }
  return { status: response.status, location: response.headers.get('location'), text: await response.text() }
}

/** A published collection with `count` active products, each with a variant. */
async function collectionWith(count: number, title = `Featured ${uniqueSuffix()}`) {
  const products = await ProductFactory.with('variants').createMany(count)
  const collection = await Collection.create({ handle: `featured-${uniqueSuffix()}`, title, kind: 'manual', published: true, sortOrder: 'manual' })
  await collection.related('products').attach(Object.fromEntries(products.map((product, index) => [product.id, { position: index + 1 }])))
  return collection
}

test.group('Admin | settings: home page', (group) => {
  group.each.setup(async () => {
    await db.from('store_settings').delete()
    await invalidateStoreSettings()
  })
  group.teardown(async () => {
    await db.from('store_settings').delete()
    await invalidateStoreSettings()
  })

  test('settings need settings.manage: pages, saves and the navigation link', async ({ assert }) => {
    const { agent: catalog } = await staffAs('catalog_manager')
    assert.equal((await catalog.get('/admin/settings')).status, 403)
    assert.equal((await catalog.get(HOME_FORM)).status, 403)
    const token = extractCsrfToken((await catalog.get('/admin')).text)!
    const refused = await catalog.post(`${HOME_FORM}?_method=PUT`, { _csrf: token, heroHeading: 'Not mine' })
    assert.equal(refused.status, 403)
    assert.isNull((await storeSettings('home')).heroHeading)
    assert.notInclude((await catalog.get('/admin')).text, 'href="/admin/settings"')

    const { agent } = await staffAs('admin')
    const index = await agent.get('/admin/settings')
    assert.equal(index.status, 200)
    assert.include(index.text, 'href="/admin/settings/home"')
    assert.include(index.text, 'href="/admin/settings/policies"')
    assert.include((await agent.get('/admin')).text, 'href="/admin/settings"')
  })

  test('refuses a button link that is not a store path or https, and a button without its other half', async ({ assert }) => {
    const { agent } = await staffAs('admin')
    for (const link of ['javascript:alert(1)', 'http://example.com/', '//evil.example/x', 'collections/summer']) {
      const response = await saveHome(agent, { heroHeading: 'Kept', buttonLabel: 'Shop', buttonLink: link })
      assert.equal(response.status, 422, link)
      assert.include(response.text, 'Enter the button link as a path on this store', link)
      assert.include(response.text, 'value="Kept"', 'the typed input is shown again')
    }
    const half = await saveHome(agent, { buttonLabel: 'Shop now' })
    assert.equal(half.status, 422)
    assert.include(half.text, 'Enter where the button leads, or clear its label')
    assert.isNull((await storeSettings('home')).buttonLabel)
  })

  test('saves the hero and featured collections in order; the home page shows them, audited, then follows a collection change', async ({ assert }) => {
    const { agent, staff } = await staffAs('admin')
    const shopper = new HttpAgent()
    const first = await collectionWith(3, `Linen ${uniqueSuffix()}`)
    const second = await collectionWith(1, `Wool ${uniqueSuffix()}`)
    const hidden = await collectionWith(1)
    await hidden.merge({ published: false }).save()

    const before = await shopper.get('/')
    assert.equal(queries(await shopper.get('/')), 0, 'the home page is cached')
    assert.include(before.text, 'class="home-hero')

    const saved = await saveHome(agent, {
      heroHeading: 'Made to last',
      heroText: 'Linen and wool for every season.',
      buttonLabel: 'Shop linen',
      buttonLink: `/collections/${first.handle}`,
      featuredCollectionIds: [String(second.id), '', String(hidden.id), String(first.id), String(second.id)],
    })
    assert.equal(saved.status, 303)
    assert.equal(saved.location, HOME_FORM)
    assert.include((await agent.get(HOME_FORM)).text, 'Home page saved.')

    const settings = await storeSettings('home')
    assert.deepEqual(settings.featuredCollectionIds, [second.id, hidden.id, first.id])
    const audit = await AuditLog.query().where('action', 'settings.updated').where('subject_id', 'home').orderBy('id', 'desc').firstOrFail()
    assert.equal(audit.actorId, staff.id)
    assert.deepEqual((audit.changes as any).heroHeading, [null, 'Made to last'])

    const home = await shopper.get('/')
    assert.isAbove(queries(home), 0, 'the save dropped the cached home page')
    assert.include(home.text, '<h1 id="home-hero-heading" class="home-hero__heading">Made to last</h1>')
    assert.include(home.text, 'Linen and wool for every season.')
    assert.match(home.text, new RegExp(`href="/collections/${first.handle}"[^>]*>\\s*Shop linen`))
    const cards = [...home.text.matchAll(/class="collection-card__title">([^<]+)</g)].map((match) => match[1])
    assert.deepEqual(cards, [second.title, first.title], 'in the order picked, hidden collections left out')
    assert.match(home.text, new RegExp(`${first.title}</h3>\\s*<p class="collection-card__count">3 products</p>`))
    assert.match(home.text, new RegExp(`${second.title}</h3>\\s*<p class="collection-card__count">1 product</p>`))
    assert.equal(queries(await shopper.get('/')), 0, 'cached again')

    // a featured collection renamed in the admin shows at once
    const renamed = `Renamed ${uniqueSuffix()}`
    await (await app.container.make(SaveCollection)).handle(
      second.id,
      { title: renamed, handle: second.handle, kind: 'manual', published: true, sortOrder: 'manual' },
      { type: 'cli' }
    )
    assert.include((await shopper.get('/')).text, `class="collection-card__title">${renamed}<`)
  })

  test('the hero picture goes through the image pipeline; a file that is no picture is refused; removing it deletes the files', async ({ assert }) => {
    const { agent } = await staffAs('owner')
    const refused = await saveHome(agent, { heroHeading: 'Picture' }, { name: 'photo.jpg', bytes: svgWithScript, type: 'image/jpeg' })
    assert.equal(refused.status, 422)
    assert.include(refused.text, 'SVG images are not accepted (they can contain scripts)')
    assert.isNull((await storeSettings('home')).heroImage)

    const saved = await saveHome(agent, { heroImageAlt: 'A folded linen shirt' }, { name: 'hero.jpg', bytes: await jpegImage(2000, 1000), type: 'image/jpeg' })
    assert.equal(saved.status, 303)
    const picture = (await storeSettings('home')).heroImage!
    assert.match(picture.storageKey, /^store\/hero\/[0-9a-f]{16}\/original\.jpg$/)
    assert.deepEqual(picture.renditions.map((rendition) => rendition.width), [160, 320, 640, 1024, 1600])
    for (const key of [picture.storageKey, ...picture.renditions.map((rendition) => rendition.key)]) {
      assert.isTrue(existsSync(join(runtime.uploadsDir, key)), key)
    }
    const home = (await new HttpAgent().get('/')).text
    assert.include(home, 'class="home-hero home-hero--image"')
    assert.include(home, 'alt="A folded linen shirt"')
    assert.include(home, `/media/${picture.renditions[4].key} 1600w`)

    // saving other fields keeps the picture; ticking "remove" deletes it and its files
    assert.equal((await saveHome(agent, { heroHeading: 'Still there' })).status, 303)
    assert.equal((await storeSettings('home')).heroImage?.storageKey, picture.storageKey)
    assert.equal((await saveHome(agent, { removeHeroImage: '1' })).status, 303)
    assert.isNull((await storeSettings('home')).heroImage)
    assert.isFalse(existsSync(join(runtime.uploadsDir, picture.storageKey)))
    assert.notInclude(markupOf((await new HttpAgent().get('/')).text), 'home-hero--image')
  }).timeout(60_000)

  test('with nothing chosen the home page greets with the store name and the first collections', async ({ assert }) => {
    await collectionWith(1, `Aardvark ${uniqueSuffix()}`)
    const home = await new HttpAgent().get('/')
    assert.equal(home.status, 200)
    assert.include(home.text, '<h1 id="home-hero-heading" class="home-hero__heading">Stockroom</h1>')
    // Dawn's default banner: a line under the name and a button to every product
    assert.include(home.text, '<p class="home-hero__text">Browse the catalog: everything we sell, in one place.</p>')
    assert.match(home.text, /<a[^>]*href="#catalog"[^>]*>\s*Shop all\s*<\/a>/)
    assert.include(home.text, 'Shop by collection')
    assert.include(home.text, 'id="catalog"', 'the product listing follows')
    // a later page, and htmx's request for the results, are the listing alone
    assert.notInclude(markupOf((await new HttpAgent().get('/?page=2')).text), 'home-hero')
    const fragment = await new HttpAgent().get('/', { 'HX-Request': 'true', 'HX-Target': 'catalog' })
    assert.match(fragment.text, /^<div id="catalog"/)
    assert.notInclude(markupOf(fragment.text), 'home-hero')
  })
})
