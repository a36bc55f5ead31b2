import { randomBytes, randomInt } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import Address from '#models/address'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import { ProductFactory } from '#database/factories/product_factory'
import app from '@adonisjs/core/services/app'
import { CUSTOMER_EXPORT_COLUMNS } from '#import_export/importers/customer_rows'
import { INVENTORY_EXPORT_COLUMNS } from '#actions/inventory/export_inventory'
import { cli, tempFile } from '#tests/cli/helpers'
import { orderWithDiscountTaxAndShipping } from '#tests/helpers/order_money'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

type Row = Record<string, string>

/** The rows of an exported CSV that `keep` selects, written as a CSV of their own. */
function filtered(path: string, columns: string[], keep: (row: Row) => boolean) {
  const rows: Row[] = parse(readFileSync(path), { columns: true })
  const kept = rows.filter(keep)
  const target = tempFile(`filtered-${randomBytes(4).toString('hex')}.csv`)
  writeFileSync(target, stringify(kept, { header: true, columns }))
  return { target, kept }
}

test.group('CLI | export inventory', () => {
  test('one row per variant and location with on hand, reserved and available; imports back unchanged', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 2).create()
    const [stocked, empty] = product.variants
    await inventoryPort.adjust({ variantId: stocked.id, delta: 6, reason: 'received' })
    await db.from('inventory_levels').where('variant_id', stocked.id).update({ reserved: 2 })

    const file = tempFile(`inventory-${product.id}.csv`)
    const result = await cli('export', 'inventory', '--output', file, '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.isAtLeast(result.json().rows, 2)
    const { target, kept } = filtered(file, INVENTORY_EXPORT_COLUMNS, (row) => row.handle === product.handle)
    assert.deepEqual(
      kept.map((row) => [row.sku, row.variant_title, row.location, row.on_hand, row.reserved, row.available]),
      [
        [stocked.sku, stocked.title, 'main', '6', '2', '4'],
        [empty.sku, empty.title, 'main', '0', '0', '0'],
      ]
    )

    const again = await cli('import', 'inventory', target, '--json')
    assert.equal(again.code, 0, again.stderr)
    assert.deepInclude(again.json(), { updated: 0, unchanged: 2, errorCount: 0 })
  })

  test('--since keeps recently changed levels; --format jsonl writes one object per line to stdout', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    await inventoryPort.adjust({ variantId: product.variants[0].id, delta: 3, reason: 'received' })
    const result = await cli('export', 'inventory', '--format', 'jsonl', '--since', DateTime.utc().minus({ minutes: 1 }).toISO()!)
    assert.equal(result.code, 0, result.stderr)
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line))
    assert.deepInclude(rows, { sku: product.variants[0].sku, handle: product.handle, variant_title: product.variants[0].title, location: 'main', on_hand: 3, reserved: 0, available: 3 })
    assert.match(result.stderr, /Exported \d+ inventory rows/)

    const future = await cli('export', 'inventory', '--format', 'jsonl', '--since', DateTime.utc().plus({ days: 1 }).toISODate()!)
    assert.equal(future.stdout, '')
    const bad = await cli('export', 'inventory', '--since', 'yesterday')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /must be an ISO 8601 date/)
  })
})

test.group('CLI | export customers', () => {
  test('the columns the import reads: an exported file restores what changed since, and re-imports unchanged', async ({ assert }) => {
    const tag = `xc-${Date.now()}`
    const ada = await Customer.create({ email: `ada.${tag}@example.com`, firstName: 'Ada', lastName: 'Lovelace', phone: '+44 1', acceptsMarketing: true })
    await Address.create({
      customerId: ada.id, company: 'Engines', line1: '12 Row', line2: null, city: 'London', region: 'ENG', postalCode: 'N1', countryCode: 'GB',
      phone: '+44 2', isDefaultShipping: true, isDefaultBilling: true, firstName: 'Ada', lastName: 'Lovelace',
    })
    await Customer.create({ email: `bob.${tag}@example.com`, firstName: 'Bob', acceptsMarketing: false })
    await Customer.create({ email: `gone.${tag}@example.com`, anonymizedAt: DateTime.now() })

    const file = tempFile(`${tag}.csv`)
    const result = await cli('export', 'customers', '--output', file, '--json')
    assert.equal(result.code, 0, result.stderr)
    const { target, kept } = filtered(file, CUSTOMER_EXPORT_COLUMNS, (row) => row.email.endsWith(`${tag}@example.com`))
    assert.deepEqual(kept.map((row) => row.email), [ada.email, `bob.${tag}@example.com`], 'erased customers are left out')
    assert.deepInclude(kept[0], {
      first_name: 'Ada', last_name: 'Lovelace', phone: "'+44 1", accepts_marketing: 'yes', company: 'Engines', address1: '12 Row',
      city: 'London', province_code: 'ENG', country_code: 'GB', zip: 'N1', address_phone: "'+44 2",
    })
    assert.equal(kept[1].accepts_marketing, 'no')
    // a phone starting with + is a formula to a spreadsheet: the export guards it, the import takes the guard off (below: unchanged)

    assert.deepInclude((await cli('import', 'customers', target, '--json')).json(), { created: 0, updated: 0, unchanged: 2, errorCount: 0 })
    ada.merge({ lastName: 'Byron', acceptsMarketing: false })
    await ada.save()
    await Address.query().where('customer_id', ada.id).update({ city: 'Paris' })
    assert.deepInclude((await cli('import', 'customers', target, '--json')).json(), { updated: 1, unchanged: 1 })
    const restored = await Customer.query().where('id', ada.id).preload('addresses').firstOrFail()
    assert.deepInclude(restored.serialize(), { lastName: 'Lovelace', acceptsMarketing: true })
    assert.equal(restored.addresses[0].city, 'London')

    const jsonl = await cli('export', 'customers', '--format', 'jsonl', '--since', DateTime.utc().minus({ minutes: 5 }).toISO()!)
    const line = jsonl.stdout.trim().split('\n').map((text) => JSON.parse(text)).find((row) => row.email === ada.email)
    assert.deepInclude(line, { last_name: 'Lovelace', accepts_marketing: true, city: 'London' })
  })
})

test.group('CLI | export orders', () => {
  async function order(email: string, lines: Array<{ sku: string; title: string; quantity: number; unitPrice: number }>, currency = 'USD') {
    const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0)
    const created = await Order.create({
      number: randomInt(10_000_000, 2_000_000_000), publicToken: randomBytes(24).toString('hex'), email, currency,
      status: 'open', paymentStatus: 'paid', fulfillmentStatus: 'unfulfilled',
      subtotal, discountTotal: 0, shippingTotal: 500, taxTotal: 0, total: subtotal + 500,
    })
    for (const line of lines) {
      await OrderLine.create({ orderId: created.id, ...line, total: line.quantity * line.unitPrice, taxAmount: 0, discountAmount: 0 })
    }
    return created
  }

  test('one row per order line with the order fields, decimal amounts in the order currency; --since by creation', async ({ assert }) => {
    const email = `orders.${Date.now()}@example.com`
    const usd = await order(email, [
      { sku: 'XO-1', title: 'Mug', quantity: 2, unitPrice: 1250 },
      { sku: 'XO-2', title: 'Tea', quantity: 1, unitPrice: 799 },
    ])
    const yen = await order(email, [{ sku: 'XO-3', title: 'Bowl', quantity: 1, unitPrice: 1500 }], 'JPY')

    const file = tempFile(`orders-${usd.id}.csv`)
    const result = await cli('export', 'orders', '--output', file, '--json')
    assert.equal(result.code, 0, result.stderr)
    assert.isAtLeast(result.json().orders, 2)
    const rows: Row[] = parse(readFileSync(file), { columns: true })
    const mine = rows.filter((row) => row.email === email)
    assert.deepEqual(
      mine.map((row) => [row.order_number, row.currency, row.status, row.payment_status, row.total, row.line_sku, row.line_quantity, row.line_unit_price, row.line_total]),
      [
        [String(usd.number), 'USD', 'open', 'paid', '37.99', 'XO-1', '2', '12.50', '25.00'],
        [String(usd.number), 'USD', 'open', 'paid', '37.99', 'XO-2', '1', '7.99', '7.99'],
        [String(yen.number), 'JPY', 'open', 'paid', '2000', 'XO-3', '1', '1500', '1500'],
      ]
    )
    assert.isBelow(Math.abs(DateTime.fromISO(mine[0].created_at).toMillis() - usd.createdAt.toMillis()), 1000, 'created_at is the instant, in UTC')
    assert.match(mine[0].created_at, /Z$/)

    await Order.query().where('id', yen.id).update({ created_at: DateTime.now().minus({ days: 10 }).toFormat(db.connection().dialect.dateTimeFormat) })
    const recent = await cli('export', 'orders', '--format', 'jsonl', '--since', DateTime.utc().minus({ days: 1 }).toISODate()!)
    const numbers = recent.stdout.trim().split('\n').map((text) => JSON.parse(text)).filter((row) => row.email === email).map((row) => row.order_number)
    assert.deepEqual(numbers, [usd.number, usd.number])
  })

  test('an order placed through checkout: line totals add up to the subtotal, each with its discount share and tax', async ({ assert }) => {
    // 1 × $20.99 and 3 × $12.50, a 10 % code, $5.99 shipping, 8.25 % tax added
    const { order } = await orderWithDiscountTaxAndShipping()
    const file = tempFile(`orders-checkout-${order.id}.csv`)
    assert.equal((await cli('export', 'orders', '--output', file)).code, 0)
    const rows: Row[] = parse(readFileSync(file), { columns: true })
    const mine = rows.filter((row) => row.order_number === String(order.number))
    assert.deepEqual(
      mine.map((row) => [row.subtotal, row.discount_total, row.tax_total, row.total, row.line_quantity, row.line_unit_price, row.line_total]),
      [
        ['58.49', '5.85', '4.34', '62.97', '1', '20.99', '20.99'],
        ['58.49', '5.85', '4.34', '62.97', '3', '12.50', '37.50'],
      ]
    )
    const sum = (column: string) => mine.reduce((total, row) => total + Math.round(Number(row[column]) * 100), 0)
    assert.equal(sum('line_discount'), 585, 'the discount shares add up to the order discount')
    assert.equal(sum('line_tax'), 434, 'the lines carry all the tax (shipping is not taxed here)')
  })
})
