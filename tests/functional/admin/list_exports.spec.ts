import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import app from '@adonisjs/core/services/app'
import { ProductFactory } from '#database/factories/product_factory'
import { CustomerFactory } from '#database/factories/customer_factory'
import { uniqueSuffix } from '#database/factories/unique'
import ProductImage from '#models/product_image'
import { InventoryPort } from '#plugin_host/extension_points/inventory'
import { paidOrder } from '#tests/helpers/admin_orders'
import { HttpAgent } from '#tests/helpers/http_agent'
import { staffPerRole } from '#tests/helpers/staff_session'

/*
| Admin lists: the products list shows each product's picture and stock,
| its bulk bar is a plain form, and products, orders and customers export
| as CSV through the CLI's exporters, each behind its read permission.
*/

const staffAs = staffPerRole()

function rowOf(html: string, productId: number) {
  const start = html.indexOf(`<tr id="product-${productId}">`)
  return html.slice(start, html.indexOf('</tr>', start))
}

test.group('Admin | products list: pictures, stock and the bulk bar', () => {
  test('a picture, units in stock, untracked and out of stock per row', async ({ assert }) => {
    const tag = uniqueSuffix()
    const inventory = await app.container.make(InventoryPort)
    const stocked = await ProductFactory.merge({ title: `Stocked ${tag}` }).with('variants', 2).create()
    for (const variant of stocked.variants) await inventory.adjust({ variantId: variant.id, delta: 4, reason: 'received', actor: 'test' })
    await ProductImage.create({
      productId: stocked.id,
      position: 0,
      status: 'ready',
      storageKey: `products/${stocked.id}/abc/original.jpg`,
      renditions: [{ width: 160, height: 160, key: `products/${stocked.id}/abc/w160.webp`, format: 'webp' }],
    } as any)
    const untracked = await ProductFactory.merge({ title: `Untracked ${tag}` }).with('variants', 1, (variant) => variant.merge({ trackInventory: false })).create()
    const soldOut = await ProductFactory.merge({ title: `Sold out ${tag}` }).with('variants', 1).create()

    const { agent } = await staffAs('catalog_manager')
    const page = await agent.get(`/admin/products?q=${tag}`)
    assert.equal(page.status, 200)
    const row = rowOf(page.text, stocked.id)
    assert.match(row, new RegExp(`<img class="list-thumb" src="[^"]*/media/products/${stocked.id}/abc/w160\\.webp"`))
    assert.include(row, '8 in stock')
    assert.include(rowOf(page.text, untracked.id), 'Not tracked')
    assert.include(rowOf(page.text, soldOut.id), 'Out of stock')
    assert.include(rowOf(page.text, soldOut.id), 'image-placeholder', 'no picture: the placeholder tile, not a broken image')
  })

  test('the bulk bar is a normal form, and select-all is left to JavaScript; read-only staff get neither', async ({ assert }) => {
    await ProductFactory.create()
    const { agent } = await staffAs('catalog_manager')
    const page = (await agent.get('/admin/products')).text
    assert.match(page, /<form id="bulk-form" method="POST" action="\/admin\/products\/bulk" class="bulk-bar" data-bulk-bar/)
    assert.notMatch(page, /<form id="bulk-form"[^>]*hidden/, 'visible without JavaScript')
    assert.match(page, /<input type="checkbox" data-select-all="bulk-form" aria-label="Select all products on this page" hidden>/)
    assert.match(page, /<input type="checkbox" form="bulk-form" name="ids\[\]"/)
    assert.include(page, 'href="/admin/products/export.csv"')

    const analyst = await staffAs('analyst')
    const readOnly = (await analyst.agent.get('/admin/products')).text
    assert.notInclude(readOnly, 'id="bulk-form"')
    assert.notInclude(readOnly, 'data-select-all')
  })
})

test.group('Admin | CSV exports from the lists', () => {
  test('products stream as the Shopify CSV the CLI writes, with the list status filter', async ({ assert }) => {
    const tag = uniqueSuffix()
    const active = await ProductFactory.merge({ title: `Export active ${tag}` }).with('variants', 1).create()
    const draft = await ProductFactory.apply('draft').merge({ title: `Export draft ${tag}` }).with('variants', 1).create()
    const { agent } = await staffAs('analyst')

    const all = await agent.get('/admin/products/export.csv')
    assert.equal(all.status, 200)
    assert.match(all.headers.get('content-type') ?? '', /^text\/csv/)
    assert.equal(all.headers.get('content-disposition'), 'attachment; filename="products.csv"')
    const rows = parse(all.text, { columns: true }) as Array<Record<string, string>>
    assert.includeMembers(rows.map((row) => row.Handle), [active.handle, draft.handle])

    const onlyDrafts = parse((await agent.get('/admin/products/export.csv?status=draft')).text, { columns: true }) as Array<Record<string, string>>
    assert.include(onlyDrafts.map((row) => row.Handle), draft.handle)
    assert.notInclude(onlyDrafts.map((row) => row.Handle), active.handle)
    assert.equal((await agent.get('/admin/products/export.csv?status=bogus')).status, 302, 'the filter is validated')
  })

  test('orders and customers stream one row per order line and per customer', async ({ assert }) => {
    const { order } = await paidOrder({ lines: [{ quantity: 2, unitPrice: 1250 }] })
    const customer = await CustomerFactory.create()
    const { agent } = await staffAs('analyst')

    const orders = await agent.get('/admin/orders/export.csv')
    assert.equal(orders.status, 200)
    const orderRows = (parse(orders.text, { columns: true }) as Array<Record<string, string>>).filter((row) => row.order_number === String(order.number))
    assert.lengthOf(orderRows, 1)
    assert.equal(orderRows[0].line_quantity, '2')
    assert.equal(orderRows[0].line_unit_price, '12.50')

    const customers = await agent.get('/admin/customers/export.csv')
    assert.equal(customers.status, 200)
    assert.include(customers.text, customer.email)
  })

  test('each export needs its list read permission; guests sign in first', async ({ assert }) => {
    const fulfillment = await staffAs('fulfillment')
    assert.equal((await fulfillment.agent.get('/admin/customers/export.csv')).status, 403)
    assert.equal((await fulfillment.agent.get('/admin/orders/export.csv')).status, 200)
    const catalog = await staffAs('catalog_manager')
    assert.equal((await catalog.agent.get('/admin/customers/export.csv')).status, 403)

    const guest = new HttpAgent()
    for (const path of ['/admin/products/export.csv', '/admin/orders/export.csv', '/admin/customers/export.csv']) {
      const response = await guest.get(path)
      assert.equal(response.status, 302)
      assert.match(response.location ?? '', /^\/admin\/login/)
    }
  })
})
