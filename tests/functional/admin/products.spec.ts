import { test } from '@japa/runner'
import runtime from '#config/runtime'
import Product from '#models/product'
import Variant from '#models/variant'
import AuditLog from '#models/audit_log'
import OutboxEvent from '#models/outbox_event'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { signedInStaff } from '#tests/helpers/staff_session'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent, extractCsrfToken } from '#tests/helpers/http_agent'
import { clearRateLimits } from '#tests/helpers/rate_limits'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)


/** Posts the editor form the way the browser would: token from the page, method spoofed for PUT. */
async function submitEditor(agent: HttpAgent, page: string, action: string, form: Record<string, string>) {
  const html = (await agent.get(page)).text
  return agent.post(action, { _csrf: extractCsrfToken(html)!, ...form })
}

function lockVersionIn(html: string) {
  return html.match(/name="lockVersion" value="(\d+)"/)?.[1]
}

function productForm(overrides: Record<string, string> = {}) {
  return { title: 'Linen shirt', status: 'draft', 'variants[0][price]': '10.00', 'variants[0][trackInventory]': '1', ...overrides }
}

test.group('Admin | products list', (group) => {
  group.each.setup(() => clearRateLimits())

  test('filters by status, vendor, type and tag, and searches title, SKU and handle', async ({ assert }) => {
    const vendor = `Vendor ${uniqueSuffix()}`
    const shirt = await ProductFactory.merge({ vendor, title: 'Blue Oxford Shirt', productType: 'Shirts' }).with('variants', 2).create()
    const draft = await ProductFactory.apply('draft').merge({ vendor, title: 'Grey Wool Scarf', productType: 'Scarves' }).create()
    await ProductFactory.merge({ vendor, title: 'Red Cap', productType: 'Hats' }).create()
    await shirt.syncTags(['summer'])
    const { agent } = await signedInStaff('analyst')

    const byVendor = await agent.get(`/admin/products?vendor=${encodeURIComponent(vendor)}&sort=title`)
    assert.equal(byVendor.status, 200)
    const titles = [...byVendor.text.matchAll(/<a href="\/admin\/products\/\d+\/edit">([^<]+)<\/a>/g)].map((m) => m[1])
    assert.deepEqual(titles, ['Blue Oxford Shirt', 'Grey Wool Scarf', 'Red Cap'])

    const drafts = await agent.get(`/admin/products?vendor=${encodeURIComponent(vendor)}&status=draft`)
    assert.include(drafts.text, 'Grey Wool Scarf')
    assert.notInclude(drafts.text, 'Blue Oxford Shirt')

    const tagged = await agent.get(`/admin/products?vendor=${encodeURIComponent(vendor)}&tag=summer&type=Shirts`)
    assert.include(tagged.text, 'Blue Oxford Shirt')
    assert.notInclude(tagged.text, 'Red Cap')
    // variants count and lowest price come along with the row
    assert.match(tagged.text, new RegExp(`id="product-${shirt.id}"[\\s\\S]*?data-variants>2<`))
    assert.include(tagged.text, '$19.99')

    await shirt.load('variants')
    const bySku = await agent.get(`/admin/products?q=${shirt.variants[0].sku!.toLowerCase()}`)
    assert.include(bySku.text, 'Blue Oxford Shirt')
    assert.notInclude(bySku.text, 'Grey Wool Scarf')

    const byHandle = await agent.get(`/admin/products?q=${draft.handle}`)
    assert.include(byHandle.text, 'Grey Wool Scarf')

    const byTitle = await agent.get(`/admin/products?q=OXFORD&vendor=${encodeURIComponent(vendor)}`)
    assert.include(byTitle.text, 'Blue Oxford Shirt')
    assert.notInclude(byTitle.text, 'Red Cap')
  })

  test('an htmx request gets only the table fragment, varying on HX-Request', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const fragment = await agent.get('/admin/products?status=active', { 'HX-Request': 'true' })
    assert.equal(fragment.status, 200)
    assert.match(fragment.text.trim(), /^<div id="products-table">/)
    assert.notInclude(fragment.text, '<html')
    assert.include(fragment.headers.get('vary') ?? '', 'HX-Request')

    const page = await agent.get('/admin/products')
    assert.include(page.text, 'hx-push-url="true"')
    assert.include(page.text, '<a href="/admin/products" aria-current="page">Products</a>')
  })
})

test.group('Admin | product editor', (group) => {
  group.each.setup(() => clearRateLimits())

  test('creating a product with two options makes the variant matrix with stock', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('catalog_manager')
    const response = await submitEditor(agent, '/admin/products/new', '/admin/products', {
      ...productForm({ title: 'Matrix Tee', tags: 'cotton, summer, Cotton' }),
      'options[0][name]': 'Size',
      'options[0][values]': 'S, M, L',
      'options[1][name]': 'Color',
      'options[1][values]': 'Red, Blue',
      'variants[0][price]': '12.50',
      'variants[0][compareAtPrice]': '15',
    })
    assert.equal(response.status, 303)
    const product = await Product.query().where('title', 'Matrix Tee').preload('variants').preload('tags').preload('options').firstOrFail()
    assert.equal(response.location, `/admin/products/${product.id}/edit`)
    assert.equal(product.handle, 'matrix-tee')
    assert.deepEqual(product.tagList, ['cotton', 'summer'])
    assert.deepEqual(product.options.map((o) => o.name), ['Size', 'Color'])
    assert.deepEqual(
      product.variants.map((v) => v.title),
      ['S / Red', 'S / Blue', 'M / Red', 'M / Blue', 'L / Red', 'L / Blue']
    )
    assert.isTrue(product.variants.every((v) => v.price === 1250 && v.compareAtPrice === 1500 && v.trackInventory))

    const editor = await agent.get(response.location!)
    assert.equal(editor.text.match(/data-variant-row/g)?.length, 6)
    assert.include(editor.text, 'value="12.50"')

    const audit = await AuditLog.query().where('subject_type', 'product').where('subject_id', String(product.id)).firstOrFail()
    assert.equal(audit.action, 'product.created')
    assert.equal(audit.actorId, staff.id)
    // recorded field by field under each variant's title, so the audit log can show what changed
    assert.deepEqual(Object.keys((audit.changes as any).variants), ['S / Red', 'S / Blue', 'M / Red', 'M / Blue', 'L / Red', 'L / Blue'])
    assert.isNotNull(await OutboxEvent.query().where('name', 'ProductCreated').whereRaw(payloadMatch(), [product.id]).first())
  })

  test('a product without options gets one variant, its SKU, money in minor units and opening stock', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const sku = `MUG-${uniqueSuffix()}`.toUpperCase()
    const response = await submitEditor(agent, '/admin/products/new', '/admin/products', {
      ...productForm({ title: `Mug ${sku}` }),
      'variants[0][sku]': sku,
      'variants[0][price]': '9.99',
      'variants[0][cost]': '3.10',
      'variants[0][weightGrams]': '320',
      'variants[0][barcode]': '0123456789012',
      'variants[0][stockOnHand]': '7',
    })
    assert.equal(response.status, 303)
    const variant = await Variant.findByOrFail('sku', sku)
    assert.equal(variant.title, 'Default')
    assert.equal(variant.price, 999)
    assert.equal(variant.cost, 310)
    assert.equal(variant.weightGrams, 320)
    assert.equal(variant.barcode, '0123456789012')
    assert.equal((await inventoryPort.available([variant.id])).get(variant.id), 7)
  })

  test('a taken handle or SKU is refused with inline errors and the input kept', async ({ assert }) => {
    const existing = await ProductFactory.with('variants', 1).create()
    await existing.load('variants')
    const { agent } = await signedInStaff('owner')
    const response = await submitEditor(agent, '/admin/products/new', '/admin/products', {
      ...productForm({ title: 'Clash Test Product', handle: existing.handle, vendor: 'Kept Vendor' }),
    })
    assert.equal(response.status, 422)
    assert.include(response.text, `The handle &quot;${existing.handle}&quot; is already used by another product.`)
    assert.match(response.text, /id="product-handle"[^>]*aria-invalid="true"/)
    assert.include(response.text, 'value="Kept Vendor"')

    const skuClash = await submitEditor(agent, '/admin/products/new', '/admin/products', {
      ...productForm({ title: 'Clash Test Product' }),
      'variants[0][sku]': existing.variants[0].sku!,
    })
    assert.equal(skuClash.status, 422)
    assert.include(skuClash.text, `SKU ${existing.variants[0].sku} is already used by another product.`)
    assert.isNull(await Product.findBy('title', 'Clash Test Product'))

    const invalid = await submitEditor(agent, '/admin/products/new', '/admin/products', {
      ...productForm({ title: '', handle: 'Not A Handle!' }),
      'variants[0][price]': '-3',
    })
    assert.equal(invalid.status, 422)
    assert.match(invalid.text, /id="product-title"[^>]*aria-invalid="true"/)
    assert.match(invalid.text, /id="product-handle-error"/)
    assert.match(invalid.text, /name="variants\[0\]\[price\]"[^>]*aria-invalid="true"/)
  })

  test('the description is sanitized on save', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const title = `Sanitized ${uniqueSuffix()}`
    await submitEditor(agent, '/admin/products/new', '/admin/products', {
      ...productForm({ title }),
      description: '<p onclick="x()">Soft <strong>linen</strong></p><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">link</a>',
    })
    const product = await Product.findByOrFail('title', title)
    assert.equal(product.descriptionHtml, '<p>Soft <strong>linen</strong></p><a rel="nofollow noopener">link</a>')
  })

  test('the second of two concurrent edits is refused, keeping its input', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    await product.load('variants')
    const first = (await signedInStaff('owner')).agent
    const second = (await signedInStaff('catalog_manager')).agent
    const editPath = `/admin/products/${product.id}/edit`
    const firstPage = (await first.get(editPath)).text
    const secondPage = (await second.get(editPath)).text
    assert.equal(lockVersionIn(firstPage), '1')
    assert.equal(lockVersionIn(secondPage), '1')

    const action = `/admin/products/${product.id}?_method=PUT`
    const [variant] = product.variants
    const variantFields = {
      'options[0][name]': 'Style', 'options[0][values]': variant.option1!,
      'variants[0][id]': String(variant.id), 'variants[0][option1]': variant.option1!, 'variants[0][price]': '20.00',
    }
    const saved = await first.post(action, {
      _csrf: extractCsrfToken(firstPage)!, title: 'First editor wins', status: 'active', lockVersion: '1', ...variantFields,
    })
    assert.equal(saved.status, 303)

    const refused = await second.post(action, {
      _csrf: extractCsrfToken(secondPage)!, title: 'Second editor text', vendor: 'Second vendor', status: 'active', lockVersion: '1', ...variantFields,
    })
    assert.equal(refused.status, 409)
    assert.include(refused.text, 'Not saved: someone else saved this product after you opened it.')
    assert.include(refused.text, 'value="Second editor text"')
    assert.include(refused.text, 'value="Second vendor"')
    assert.include(refused.text, `href="/admin/products/${product.id}/edit"`)
    await product.refresh()
    assert.equal(product.title, 'First editor wins')
    assert.equal(product.lockVersion, 2)
    // the refused form now carries the latest version: saving again is a deliberate overwrite
    assert.equal(lockVersionIn(refused.text), '2')
  })

  test('an update writes an audit diff, records ProductUpdated and keeps matching variants', async ({ assert }) => {
    const { agent, staff } = await signedInStaff('owner')
    await submitEditor(agent, '/admin/products/new', '/admin/products', {
      ...productForm({ title: 'Option Update Tee' }),
      'options[0][name]': 'Size',
      'options[0][values]': 'S, M',
    })
    const product = await Product.query().where('title', 'Option Update Tee').preload('variants').firstOrFail()
    const [small, medium] = product.variants
    const editPath = `/admin/products/${product.id}/edit`
    const base = {
      title: 'Option Update Tee v2', status: 'active', lockVersion: '1',
      'options[0][name]': 'Size', 'options[0][values]': 'M, L',
      'variants[0][id]': String(small.id), 'variants[0][option1]': 'S', 'variants[0][price]': '10.00',
      'variants[1][id]': String(medium.id), 'variants[1][option1]': 'M', 'variants[1][price]': '11.00', 'variants[1][sku]': 'OPT-TEE-M',
    }

    const unconfirmed = await submitEditor(agent, editPath, `/admin/products/${product.id}?_method=PUT`, base)
    assert.equal(unconfirmed.status, 422)
    assert.include(unconfirmed.text, 'no longer match the options (S)')

    const saved = await submitEditor(agent, editPath, `/admin/products/${product.id}?_method=PUT`, { ...base, confirmRemoval: '1' })
    assert.equal(saved.status, 303)
    await product.refresh()
    await product.load('variants')
    assert.deepEqual(product.variants.map((v) => v.title), ['M', 'L'])
    assert.equal(product.variants[0].id, medium.id)
    assert.equal(product.variants[0].price, 1100)
    assert.equal(product.variants[0].sku, 'OPT-TEE-M')
    assert.equal(product.variants[1].price, 1000, 'a new combination copies the first row')
    assert.equal(product.status, 'active')
    assert.isNotNull(product.publishedAt)

    const audit = await AuditLog.query().where('action', 'product.updated').where('subject_id', String(product.id)).firstOrFail()
    assert.equal(audit.actorId, staff.id)
    const changes = audit.changes as Record<string, [unknown, unknown]>
    assert.deepEqual(changes.title, ['Option Update Tee', 'Option Update Tee v2'])
    assert.deepEqual(changes.status, ['draft', 'active'])
    assert.deepEqual(changes.options, [['Size: S, M'], ['Size: M, L']])
    assert.notProperty(changes, 'vendor')
    assert.isNotNull(await OutboxEvent.query().where('name', 'ProductUpdated').whereRaw(payloadMatch(), [product.id]).first())
  })
})

test.group('Admin | product bulk actions and permissions', (group) => {
  group.each.setup(() => clearRateLimits())

  test('bulk publish, archive, add and remove a tag, each with a summary', async ({ assert }) => {
    const products = await ProductFactory.apply('draft').createMany(3)
    const ids = products.map((p) => String(p.id))
    const { agent } = await signedInStaff('catalog_manager')
    const bulk = (form: Record<string, string>) => agent.submit('/admin/products', '/admin/products/bulk', form)
    const idFields = Object.fromEntries(ids.map((id, i) => [`ids[${i}]`, id]))

    const published = await bulk({ ...idFields, action: 'publish' })
    assert.equal(published.status, 303)
    for (const product of products) {
      await product.refresh()
      assert.equal(product.status, 'active')
      assert.equal(product.lockVersion, 2)
    }
    assert.include((await agent.get('/admin/products')).text, 'Published: 3 products changed, 0 already so')

    await bulk({ 'ids[0]': ids[0], action: 'archive' })
    await products[0].refresh()
    assert.equal(products[0].status, 'archived')

    await bulk({ ...idFields, action: 'add_tag', tag: 'clearance' })
    const tagged = await Product.query().whereIn('id', ids).preload('tags')
    assert.isTrue(tagged.every((p) => p.tagList.includes('clearance')))
    await bulk({ 'ids[0]': ids[1], action: 'remove_tag', tag: 'Clearance' })
    await products[1].load('tags')
    assert.deepEqual(products[1].tagList, [])

    const audits = await AuditLog.query().whereIn('subject_id', ids).where('action', 'product.bulk_publish')
    assert.lengthOf(audits, 3)
    assert.deepEqual(audits[0].changes, { status: ['draft', 'active'] })
  })

  test('bulk delete asks for confirmation first', async ({ assert }) => {
    const products = await ProductFactory.createMany(2)
    const { agent } = await signedInStaff('owner')
    const form = { 'ids[0]': String(products[0].id), 'ids[1]': String(products[1].id), action: 'delete' }
    const confirmation = await agent.submit('/admin/products', '/admin/products/bulk', form)
    assert.equal(confirmation.status, 200)
    assert.include(confirmation.text, 'Delete 2 products?')
    assert.lengthOf(await Product.query().whereIn('id', products.map((p) => p.id)), 2)

    const deleted = await agent.post('/admin/products/bulk', { ...form, confirm: '1', _csrf: extractCsrfToken(confirmation.text)! })
    assert.equal(deleted.status, 303)
    assert.lengthOf(await Product.query().whereIn('id', products.map((p) => p.id)), 0)
    assert.lengthOf(await AuditLog.query().where('action', 'product.deleted').whereIn('subject_id', products.map((p) => String(p.id))), 2)

    const single = await ProductFactory.create()
    const direct = await agent.post(`/admin/products/${single.id}?_method=DELETE`, { _csrf: await agent.csrfTokenFrom('/admin/products') })
    assert.equal(direct.status, 303)
    assert.isNull(await Product.find(single.id))
  })

  test('a role without catalog.write can look but gets 403 on every mutation', async ({ assert }) => {
    const product = await ProductFactory.apply('draft').create()
    const { agent } = await signedInStaff('analyst')
    const list = await agent.get('/admin/products')
    assert.equal(list.status, 200)
    assert.notInclude(list.text, 'id="bulk-form"')
    const editor = await agent.get(`/admin/products/${product.id}/edit`)
    assert.equal(editor.status, 200)
    assert.notInclude(editor.text, 'Save product')
    const token = await agent.csrfTokenFrom('/admin/products')

    assert.equal((await agent.get('/admin/products/new')).status, 403)
    assert.equal((await agent.post('/admin/products', { _csrf: token, ...productForm() })).status, 403)
    assert.equal((await agent.post(`/admin/products/${product.id}?_method=PUT`, { _csrf: token, ...productForm(), lockVersion: '1' })).status, 403)
    assert.equal((await agent.post('/admin/products/bulk', { _csrf: token, 'ids[0]': String(product.id), action: 'publish' })).status, 403)
    assert.equal((await agent.post(`/admin/products/${product.id}?_method=DELETE`, { _csrf: token })).status, 403)
    await product.refresh()
    assert.equal(product.status, 'draft')
    assert.equal(product.lockVersion, 1)
  })
})

/** outbox payload is JSON text on SQLite and json on PostgreSQL */
function payloadMatch() {
  return runtime.database === 'pg' ? "(payload->>'productId')::int = ?" : "json_extract(payload, '$.productId') = ?"
}
