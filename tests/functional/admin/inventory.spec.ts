import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { parse } from 'csv-parse/sync'
import app from '@adonisjs/core/services/app'
import AuditLog from '#models/audit_log'
import Role from '#models/role'
import { ProductFactory } from '#database/factories/product_factory'
import { signedInStaff, staffCsrfToken, staffPerRole } from '#tests/helpers/staff_session'
import { dbTimestamp } from '#services/db_time'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

/** A product whose variants get unique SKUs and the given stock at the default location. */
async function stockedProduct(stock: number[]) {
  const tag = Math.random().toString(36).slice(2, 8).toUpperCase()
  const product = await ProductFactory.merge({ title: `Lantern ${tag}` })
    .with('variants', stock.length, (variants) => variants.merge(stock.map((_, index) => ({ sku: `LNT-${tag}-${index}` }))))
    .create()
  for (const [index, quantity] of stock.entries()) {
    if (quantity) await inventoryPort.adjust({ variantId: product.variants[index].id, delta: quantity, reason: 'received' })
  }
  return { product, tag, variants: product.variants }
}

async function addLocation() {
  const now = dbTimestamp()
  const code = `shop-${Math.random().toString(36).slice(2, 8)}`
  const [row] = await db
    .table('stock_locations')
    .insert({ name: `Shop ${code}`, code, is_default: false, is_active: true, created_at: now, updated_at: now })
    .returning('id')
  return { id: Number(typeof row === 'object' ? row.id : row), code }
}


const staffAs = staffPerRole()
const csrfOf = staffCsrfToken

test.group('Admin | inventory levels', () => {
  test('lists levels per variant and location, searched by SKU or title, filtered by location and low stock', async ({ assert }) => {
    const { tag, variants } = await stockedProduct([7, 2])
    const shop = await addLocation()
    await inventoryPort.adjust({ variantId: variants[0].id, locationId: shop.id, delta: 3, reason: 'received' })
    await db.from('inventory_levels').where('variant_id', variants[1].id).update({ low_stock_threshold: 5, updated_at: dbTimestamp() })
    await inventoryPort.adjust({ variantId: variants[1].id, delta: -1, reason: 'damaged' })
    const { agent } = await staffAs('fulfillment')

    const page = await agent.get(`/admin/inventory?q=lnt-${tag.toLowerCase()}`)
    assert.equal(page.status, 200)
    assert.include(page.text, '<h1>Inventory</h1>')
    assert.match(page.text, new RegExp(`id="level-${variants[0].id}-\\d+"[\\s\\S]*?data-on-hand>7<`))
    assert.include(page.text, `id="level-${variants[0].id}-${shop.id}"`)
    assert.include(page.text, `id="level-${variants[1].id}-`)

    const byTitle = await agent.get(`/admin/inventory?q=${encodeURIComponent(`lantern ${tag.toLowerCase()}`)}`)
    assert.include(byTitle.text, `LNT-${tag}-1`)

    const atShop = await agent.get(`/admin/inventory?q=LNT-${tag}&location=${shop.id}`, { 'HX-Request': 'true' })
    assert.notInclude(atShop.text, '<h1>')
    assert.include(atShop.text, `id="level-${variants[0].id}-${shop.id}"`)
    assert.notInclude(atShop.text, `id="level-${variants[1].id}-`)
    assert.include(atShop.headers.get('vary')?.split(/,\s*/), 'HX-Request')

    const low = await agent.get(`/admin/inventory?q=LNT-${tag}&low=1`)
    assert.include(low.text, `id="level-${variants[1].id}-`)
    assert.notInclude(low.text, `id="level-${variants[0].id}-`)
  })

  test('pages by keyset: the next link continues after the last row, with the filters kept', async ({ assert }) => {
    const { tag, variants } = await stockedProduct(Array.from({ length: 55 }, () => 1))
    const { agent } = await staffAs('fulfillment')
    const first = await agent.get(`/admin/inventory?q=LNT-${tag}`)
    const next = first.text.match(/href="(\/admin\/inventory\?q=[^"]+&amp;after=(\d+)-(\d+))" rel="next"/)
    assert.isNotNull(next)
    assert.equal(Number(next![2]), variants[49].id)
    const second = await agent.get(next![1].replaceAll('&amp;', '&'))
    const ids = [...second.text.matchAll(/id="level-(\d+)-\d+"/g)].map((match) => Number(match[1]))
    assert.deepEqual(ids, variants.slice(50).map((variant) => variant.id))
    assert.notInclude(second.text, 'rel="next"')
    assert.include(second.text, 'First page')
  })

  test('the CSV export streams every matching level with its figures', async ({ assert }) => {
    const { tag, variants } = await stockedProduct([4, 0, 9])
    await db.transaction(async (trx) => {
      const [row] = await trx.table('orders').insert({ number: Math.floor(Math.random() * 1e9) + 1e9, public_token: `t-${tag}-${Date.now()}`, email: 'x@example.com', created_at: dbTimestamp(trx), updated_at: dbTimestamp(trx) }).returning('id')
      const orderId = Number(typeof row === 'object' ? row.id : row)
      await inventoryPort.reserve([{ variantId: variants[2].id, quantity: 2 }], { orderId, expiresAt: new Date(Date.now() + 60_000), trx })
    })
    const { agent } = await staffAs('fulfillment')
    const response = await agent.get(`/admin/inventory/export.csv?q=LNT-${tag}`)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type')!, /^text\/csv/)
    assert.match(response.headers.get('content-disposition')!, /attachment; filename="inventory-\d{4}-\d{2}-\d{2}\.csv"/)
    const rows = parse(response.text, { columns: true }) as Array<Record<string, string>>
    assert.deepEqual(
      rows.map((row) => [row.sku, row.location, row.on_hand, row.reserved, row.available]),
      [
        [`LNT-${tag}-0`, 'main', '4', '0', '4'],
        [`LNT-${tag}-2`, 'main', '9', '2', '7'],
      ]
    )
    assert.equal(rows[0].product, `Lantern ${tag}`)
  })
})

test.group('Admin | inventory changes', () => {
  test('an adjustment through the form lands in the ledger, the history and the audit log', async ({ assert }) => {
    const { variants } = await stockedProduct([5])
    const variantId = variants[0].id
    const { agent, staff } = await staffAs('fulfillment')
    const page = `/admin/inventory/variants/${variantId}`
    const main = Number((await db.from('stock_locations').where('code', 'main').firstOrFail()).id)

    const saved = await agent.submit(page, `${page}/adjustments`, { locationId: String(main), reason: 'damaged', quantity: '2', note: 'dropped' })
    assert.equal(saved.status, 303)
    assert.equal(saved.location, page)
    const history = await agent.get(page)
    assert.include(history.text, 'Stock at Main warehouse: 5 → 3')
    assert.match(history.text, /data-reason>Damaged or lost<\/td>\s*<td class="numeric" data-delta>-2<\/td>\s*<td class="numeric" data-after>3<\/td>/)
    assert.include(history.text, staff.fullName)
    assert.include(history.text, 'dropped')

    const invalid = await agent.submit(page, `${page}/adjustments`, { locationId: String(main), reason: 'count', quantity: '-1' })
    assert.equal(invalid.status, 422)
    assert.include(invalid.text, 'id="adjust-quantity-error"')
    const unknown = await agent.submit(page, `${page}/adjustments`, { locationId: String(main), reason: 'sale', quantity: '1' })
    assert.equal(unknown.status, 422)

    const audit = await AuditLog.query().where('action', 'inventory.adjusted').where('subject_id', String(variantId)).firstOrFail()
    assert.equal(audit.actorId, staff.id)
    assert.deepEqual((audit.changes as any).on_hand, [5, 3])
  })

  test('a transfer through the form moves units and refuses more than is there', async ({ assert }) => {
    const { variants } = await stockedProduct([6])
    const variantId = variants[0].id
    const shop = await addLocation()
    const main = Number((await db.from('stock_locations').where('code', 'main').firstOrFail()).id)
    const { agent } = await staffAs('fulfillment')
    const page = `/admin/inventory/variants/${variantId}`
    const moved = await agent.submit(page, `${page}/transfers`, { fromLocationId: String(main), toLocationId: String(shop.id), quantity: '4' })
    assert.equal(moved.status, 303)
    const after = await agent.get(page)
    assert.match(after.text, new RegExp(`id="location-${shop.id}">[\\s\\S]*?data-on-hand>4<`))
    const tooMany = await agent.submit(page, `${page}/transfers`, { fromLocationId: String(main), toLocationId: String(shop.id), quantity: '3' })
    assert.equal(tooMany.status, 422)
    assert.include(tooMany.text, 'Only 2 unreserved units are at Main warehouse.')
    const same = await agent.submit(page, `${page}/transfers`, { fromLocationId: String(main), toLocationId: String(main), quantity: '1' })
    assert.equal(same.status, 422)
  })

  test('locations: add, rename, deactivate through the forms', async ({ assert }) => {
    const { agent } = await staffAs('fulfillment')
    const code = `dock-${Math.random().toString(36).slice(2, 7)}`
    const added = await agent.submit('/admin/inventory/locations', '/admin/inventory/locations', { name: 'Dock', code })
    assert.equal(added.status, 303)
    const row = await db.from('stock_locations').where('code', code).firstOrFail()
    const renamed = await agent.submit('/admin/inventory/locations', `/admin/inventory/locations/${row.id}`, { name: 'North dock' })
    assert.equal(renamed.status, 303)
    const off = await agent.submit('/admin/inventory/locations', `/admin/inventory/locations/${row.id}/active`, { active: '0' })
    assert.equal(off.status, 303)
    const list = await agent.get('/admin/inventory/locations')
    assert.match(list.text, new RegExp(`id="stock-location-${row.id}">\\s*<td data-label="Name">North dock</td>\\s*<td data-label="Code">${code}</td>[\\s\\S]*?<td data-label="Status">\\s*<span class="badge">Inactive</span>`))
    const duplicate = await agent.submit('/admin/inventory/locations', '/admin/inventory/locations', { name: 'Dock again', code })
    assert.equal(duplicate.status, 422)
    assert.include(duplicate.text, 'is taken')
  })
})

test.group('Admin | inventory permissions', () => {
  test('support and analysts can neither see nor change stock; the forms are posted in vain', async ({ assert }) => {
    const { variants } = await stockedProduct([5])
    const variantId = variants[0].id
    const main = String((await db.from('stock_locations').where('code', 'main').firstOrFail()).id)
    for (const role of ['support', 'analyst'] as const) {
      const { agent } = await staffAs(role)
      assert.equal((await agent.get('/admin/inventory')).status, 403)
      assert.equal((await agent.get('/admin/inventory/export.csv')).status, 403)
      assert.equal((await agent.get(`/admin/inventory/variants/${variantId}`)).status, 403)
      const csrf = await csrfOf(agent)
      const adjust = await agent.post(`/admin/inventory/variants/${variantId}/adjustments`, { _csrf: csrf, locationId: main, reason: 'received', quantity: '5' })
      assert.equal(adjust.status, 403)
      const location = await agent.post('/admin/inventory/locations', { _csrf: csrf, name: 'Sneaky' })
      assert.equal(location.status, 403)
      assert.notInclude((await agent.get('/admin')).text, 'href="/admin/inventory"')
    }
    const [sum] = await db.from('inventory_levels').where('variant_id', variantId).sum('on_hand as total')
    assert.equal(Number(sum.total), 5)
  })

  test('a role that may read stock but not change it sees no forms and gets 403 on posts', async ({ assert }) => {
    const { variants } = await stockedProduct([5])
    const variantId = variants[0].id
    const role = await Role.firstOrCreate({ slug: 'stock_viewer' }, { name: 'Stock viewer', permissions: ['inventory.read'], isSystem: false })
    // a staff member of its own: the shared analyst keeps the system role
    const { agent, staff } = await signedInStaff('analyst')
    staff.roleId = role.id
    await staff.save()
    const page = await agent.get(`/admin/inventory/variants/${variantId}`)
    assert.equal(page.status, 200)
    assert.notInclude(page.text, '/adjustments"')
    assert.notInclude(page.text, '/transfers"')
    const csrf = await csrfOf(agent)
    const main = String((await db.from('stock_locations').where('code', 'main').firstOrFail()).id)
    const adjust = await agent.post(`/admin/inventory/variants/${variantId}/adjustments`, { _csrf: csrf, locationId: main, reason: 'received', quantity: '5' })
    assert.equal(adjust.status, 403)
  })
})
