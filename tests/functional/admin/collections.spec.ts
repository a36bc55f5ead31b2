import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Collection from '#models/collection'
import AuditLog from '#models/audit_log'
import { ProductFactory } from '#database/factories/product_factory'
import { signedInStaff } from '#tests/helpers/staff_session'
import { HttpAgent } from '#tests/helpers/http_agent'
import { uniqueSuffix } from '#database/factories/unique'
import { clearRateLimits } from '#tests/helpers/rate_limits'


async function memberIds(collectionId: number) {
  const rows = await db.from('collection_products').where('collection_id', collectionId).orderBy('position').select('product_id')
  return rows.map((row) => Number(row.product_id))
}

test.group('Admin | collections', (group) => {
  group.each.setup(() => clearRateLimits())

  test('a manual collection: pick products by search, then reorder and remove', async ({ assert }) => {
    const marker = uniqueSuffix()
    const [first, second, third] = await Promise.all(
      ['Alpha', 'Bravo', 'Charlie'].map((name) => ProductFactory.merge({ title: `${name} Picker ${marker}` }).create())
    )
    const { agent, staff } = await signedInStaff('owner')

    const picker = await agent.get(`/admin/collections/product-picker?q=picker ${marker}`, { 'HX-Request': 'true' })
    assert.equal(picker.status, 200)
    for (const product of [first, second, third]) assert.include(picker.text, `name="addIds[]" value="${product.id}"`)

    const created = await agent.submit('/admin/collections/new', '/admin/collections', {
      'title': `Staff picks ${marker}`,
      'kind': 'manual',
      'sortOrder': 'manual',
      'published': '1',
      'addIds[0]': String(first.id),
      'addIds[1]': String(second.id),
      'addIds[2]': String(third.id),
    })
    assert.equal(created.status, 303)
    const collection = await Collection.findByOrFail('handle', `staff-picks-${marker}`)
    assert.equal(created.location, `/admin/collections/${collection.id}/edit`)
    assert.deepEqual(await memberIds(collection.id), [first.id, second.id, third.id])

    const edit = `/admin/collections/${collection.id}/edit`
    assert.equal((await agent.get(edit)).text.match(/data-member/g)?.length, 3)
    const updated = await agent.submit(edit, `/admin/collections/${collection.id}?_method=PUT`, {
      'title': `Staff picks ${marker}`,
      'kind': 'manual',
      'sortOrder': 'manual',
      'members[0][id]': String(first.id), 'members[0][position]': '3',
      'members[1][id]': String(second.id), 'members[1][position]': '2', 'members[1][remove]': '1',
      'members[2][id]': String(third.id), 'members[2][position]': '1',
    })
    assert.equal(updated.status, 303)
    assert.deepEqual(await memberIds(collection.id), [third.id, first.id])
    await collection.refresh()
    assert.isFalse(collection.published)

    const audit = await AuditLog.query().where('action', 'collection.updated').where('subject_id', String(collection.id)).firstOrFail()
    assert.equal(audit.actorId, staff.id)
    assert.deepEqual((audit.changes as any).productIds, [[first.id, second.id, third.id], [third.id, first.id]])
    assert.deepEqual((audit.changes as any).published, [true, false])
  })

  test('a smart collection stores its conditions, prices in minor units', async ({ assert }) => {
    const marker = uniqueSuffix()
    const { agent } = await signedInStaff('owner')
    const created = await agent.submit('/admin/collections/new', '/admin/collections', {
      'title': `Cheap summer ${marker}`,
      'kind': 'smart',
      'sortOrder': 'price-asc',
      'rules[0][field]': 'tag', 'rules[0][value]': 'summer',
      'rules[1][field]': 'price_below', 'rules[1][value]': '25.50',
      'rules[2][field]': 'vendor', 'rules[2][value]': 'Acme',
      'rules[3][field]': 'type', 'rules[3][value]': 'Shirts',
      'rules[4][field]': 'price_above', 'rules[4][value]': '5',
      'rules[5][field]': '', 'rules[5][value]': '',
    })
    assert.equal(created.status, 303)
    const collection = await Collection.findByOrFail('handle', `cheap-summer-${marker}`)
    assert.equal(collection.kind, 'smart')
    assert.deepEqual(collection.rules, [
      { field: 'tag', relation: 'equals', value: 'summer' },
      { field: 'price', relation: 'less_than', value: '2550' },
      { field: 'vendor', relation: 'equals', value: 'Acme' },
      { field: 'product_type', relation: 'equals', value: 'Shirts' },
      { field: 'price', relation: 'greater_than', value: '500' },
    ])
    const editor = await agent.get(`/admin/collections/${collection.id}/edit`)
    assert.include(editor.text, 'value="25.50"')
    assert.include((await agent.get('/admin/collections')).text, `Cheap summer ${marker}`)
  })

  test('a smart collection saved in the admin lists its matching products on the storefront', async ({ assert }) => {
    const marker = uniqueSuffix()
    const vendor = `Rule Vendor ${marker}`
    const match = await ProductFactory.merge({ vendor, title: `Matching ${marker}` }).with('variants', 1, (v) => v.merge({ price: 1500 })).create()
    await match.syncTags([`tag-${marker}`])
    const pricey = await ProductFactory.merge({ vendor, title: `Too dear ${marker}` }).with('variants', 1, (v) => v.merge({ price: 9900 })).create()
    await pricey.syncTags([`tag-${marker}`])
    await ProductFactory.merge({ vendor, title: `Untagged ${marker}` }).with('variants', 1, (v) => v.merge({ price: 1000 })).create()

    const { agent } = await signedInStaff('owner')
    const created = await agent.submit('/admin/collections/new', '/admin/collections', {
      'title': `Rules ${marker}`, 'kind': 'smart', 'sortOrder': 'title-asc', 'published': '1',
      'rules[0][field]': 'tag', 'rules[0][value]': `tag-${marker}`,
      'rules[1][field]': 'vendor', 'rules[1][value]': vendor,
      'rules[2][field]': 'price_below', 'rules[2][value]': '20',
    })
    assert.equal(created.status, 303)

    const page = await new HttpAgent().get(`/collections/rules-${marker}`)
    assert.equal(page.status, 200)
    assert.include(page.text, `Matching ${marker}`)
    assert.notInclude(page.text, `Too dear ${marker}`)
    assert.notInclude(page.text, `Untagged ${marker}`)
  })

  test('a clashing handle, a bad price or no condition is refused inline, input kept', async ({ assert }) => {
    const taken = await Collection.create({ handle: `taken-${uniqueSuffix()}`, title: 'Taken', kind: 'manual', sortOrder: 'manual', published: true })
    const { agent } = await signedInStaff('owner')
    const clash = await agent.submit('/admin/collections/new', '/admin/collections', {
      title: 'Another', handle: taken.handle, kind: 'manual', sortOrder: 'manual',
    })
    assert.equal(clash.status, 422)
    assert.include(clash.text, `The handle &quot;${taken.handle}&quot; is already used by another collection.`)

    const badPrice = await agent.submit('/admin/collections/new', '/admin/collections', {
      'title': 'Kept title', 'kind': 'smart', 'sortOrder': 'manual', 'rules[0][field]': 'price_below', 'rules[0][value]': 'cheap',
    })
    assert.equal(badPrice.status, 422)
    assert.include(badPrice.text, 'Enter a price such as 25 or 19.99.')
    assert.include(badPrice.text, 'value="Kept title"')

    const empty = await agent.submit('/admin/collections/new', '/admin/collections', { title: 'No rules', kind: 'smart', sortOrder: 'manual' })
    assert.equal(empty.status, 422)
    assert.include(empty.text, 'A smart collection needs at least one condition.')
  })

  test('without catalog.write the list opens but changes are refused', async ({ assert }) => {
    const collection = await Collection.create({ handle: `ro-${uniqueSuffix()}`, title: 'Read only', kind: 'manual', sortOrder: 'manual', published: true })
    const { agent } = await signedInStaff('analyst')
    assert.equal((await agent.get('/admin/collections')).status, 200)
    const token = await agent.csrfTokenFrom('/admin/collections')
    assert.equal((await agent.get('/admin/collections/new')).status, 403)
    assert.equal((await agent.post('/admin/collections', { _csrf: token, title: 'X', kind: 'manual', sortOrder: 'manual' })).status, 403)
    assert.equal((await agent.post(`/admin/collections/${collection.id}?_method=DELETE`, { _csrf: token })).status, 403)
    assert.isNotNull(await Collection.find(collection.id))
  })
})
