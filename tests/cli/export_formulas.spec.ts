import { randomBytes, randomInt } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import Product from '#models/product'
import Customer from '#models/customer'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import { CUSTOMER_EXPORT_COLUMNS } from '#import_export/importers/customer_rows'
import { cli, roundTrip, tempFile } from '#tests/cli/helpers'

type Row = Record<string, string>

// Cells a spreadsheet would run as formulas when staff open an export, and one it must not touch.
const TITLE = '=HYPERLINK("http://x","y")'
const NAME = '@SUM(1+1)'
const LINE = "+cmd|' /C calc'!A0"

test.group('CLI | exports are safe to open in a spreadsheet', () => {
  test('products: formula titles and options are guarded, digit-only SKUs and barcodes keep their zeros, and the file imports back unchanged', async ({ assert }) => {
    const prefix = `xq${Date.now().toString(36)}-`
    const sku = `00${randomInt(10_000, 99_999)}`
    const header = ['Handle', 'Title', 'Vendor', 'Option1 Name', 'Option1 Value', 'Variant SKU', 'Variant Price', 'Variant Barcode', 'Variant Inventory Tracker', 'Variant Inventory Qty']
    const source = tempFile(`${prefix}source.csv`, stringify([
      header,
      [`${prefix}link`, TITLE, "O'KEEFE", 'Size', '-Small', sku, '10.00', '0735017788012', 'shopify', '3'],
      [`${prefix}link`, '', '', '', '@Large', `${prefix}L`.toUpperCase(), '12.00', '', 'shopify', '-2'],
    ]))
    const imported = await cli('import', 'products', source, '--json')
    assert.deepInclude(imported.json(), { created: 1, errorCount: 0 }, imported.stdout)
    const { kept, result } = await roundTrip(prefix)
    const [first, second] = kept
    assert.equal(first.Title, `'${TITLE}`)
    assert.equal(first.Vendor, "O'KEEFE", 'an apostrophe inside text is not a guard')
    assert.deepEqual([first['Option1 Value'], second['Option1 Value']], ["'-Small", "'@Large"])
    assert.match(first['Variant SKU'], /^'00\d+$/)
    assert.equal(first['Variant Barcode'], "'0735017788012")
    assert.equal(first['Variant Price'], '10.00', 'numbers stay numbers')
    assert.deepInclude(result, { created: 0, updated: 0, unchanged: 1, errorCount: 0 })

    const stored = await Product.query().where('handle', `${prefix}link`).preload('variants', (query) => query.orderBy('id')).firstOrFail()
    assert.equal(stored.title, TITLE)
    assert.deepEqual(stored.variants.map((variant) => variant.option1), ['-Small', '@Large'])
    assert.equal(stored.variants[0].sku, sku)
  })

  test('customers: a formula name and a +44 phone are guarded, and the file imports back unchanged', async ({ assert }) => {
    const email = `formula.${Date.now()}@example.com`
    await Customer.create({ email, firstName: NAME, lastName: "O'Keefe", phone: '+44 20 7946 0000', acceptsMarketing: false })
    const file = tempFile(`formula-customers-${Date.now()}.csv`)
    assert.equal((await cli('export', 'customers', '--output', file)).code, 0)

    const mine = (parse(readFileSync(file), { columns: true }) as Row[]).filter((row) => row.email === email)
    assert.deepInclude(mine[0], { first_name: `'${NAME}`, last_name: "O'Keefe", phone: "'+44 20 7946 0000" })
    const target = tempFile(`formula-customers-mine-${Date.now()}.csv`)
    writeFileSync(target, stringify(mine, { header: true, columns: CUSTOMER_EXPORT_COLUMNS }))
    assert.deepInclude((await cli('import', 'customers', target, '--json')).json(), { created: 0, updated: 0, unchanged: 1, errorCount: 0 })
    const stored = await Customer.findByOrFail('email', email)
    assert.deepInclude(stored.serialize(), { firstName: NAME, phone: '+44 20 7946 0000' })
  })

  test('orders: a line title starting with + is guarded; amounts stay numbers', async ({ assert }) => {
    const email = `formula.order.${Date.now()}@example.com`
    const order = await Order.create({
      number: randomInt(10_000_000, 2_000_000_000), publicToken: randomBytes(24).toString('hex'), email, currency: 'USD',
      status: 'open', paymentStatus: 'paid', fulfillmentStatus: 'unfulfilled', subtotal: 500, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 500,
    })
    await OrderLine.create({ orderId: order.id, sku: '-SKU-1', title: LINE, quantity: 1, unitPrice: 500, total: 500, taxAmount: 0, discountAmount: 0 })
    const file = tempFile(`formula-orders-${order.id}.csv`)
    assert.equal((await cli('export', 'orders', '--output', file)).code, 0)

    const [row] = (parse(readFileSync(file), { columns: true }) as Row[]).filter((candidate) => candidate.email === email)
    assert.deepInclude(row, { line_title: `'${LINE}`, line_sku: "'-SKU-1", line_quantity: '1', total: '5.00' })
  })
})
