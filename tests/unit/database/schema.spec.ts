import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import runtime from '#config/runtime'
import Role from '#models/role'
import Order from '#models/order'
import Variant from '#models/variant'
import ProductTag from '#models/product_tag'
import { ProductFactory } from '#database/factories/product_factory'
import { StaffUserFactory } from '#database/factories/staff_user_factory'
import { CustomerFactory } from '#database/factories/customer_factory'
import { dbTimestamp } from '#services/db_time'
import { DatabaseInventory } from '#plugins/inventory/drivers/database_inventory'

/**
 * Runs `write` in a savepoint and expects the database to refuse it. The
 * savepoint matters on PostgreSQL, where a failed statement would otherwise
 * poison the test's global transaction.
 */
async function assertRefused(assert: any, write: (trx: TransactionClientContract) => Promise<unknown>, pattern: RegExp) {
  await assert.rejects(() => db.transaction(write), pattern)
}

const CORE_TABLES = [
  'roles', 'staff_users', 'products', 'product_tags', 'product_options', 'product_option_values', 'variants',
  'product_images', 'collections', 'collection_products', 'customers', 'addresses', 'carts', 'cart_lines',
  'orders', 'order_lines', 'order_events', 'payments', 'refunds', 'fulfillments', 'fulfillment_lines',
  'audit_logs', 'plugin_settings', 'stock_locations', 'inventory_levels', 'inventory_movements', 'reservations',
]

test.group('Database | schema tables', () => {
  // Outside a global transaction: listing tables on SQLite needs the one connection.
  test('every core and inventory table exists on {$self}', async ({ assert }) => {
    const tables = await db.connection().getAllTables(runtime.database === 'pg' ? ['public'] : undefined)
    for (const table of CORE_TABLES) assert.include(tables, table)
  }).with([runtime.database])
})

test.group('Database | schema', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('system roles are seeded with their permissions', async ({ assert }) => {
    const roles = await Role.query().where('is_system', true).orderBy('id')
    assert.deepEqual(roles.map((role) => role.slug), ['owner', 'admin', 'catalog_manager', 'fulfillment', 'support', 'analyst'])
    assert.deepEqual(roles[0].permissions, ['*'])
    assert.isTrue(roles.every((role) => role.isSystem === true && Array.isArray(role.permissions)))
  })

  test('staff permissions follow the role; inactive staff may do nothing', async ({ assert }) => {
    const owner = await StaffUserFactory.apply('owner').create()
    const support = await StaffUserFactory.apply('support').create()
    const inactive = await StaffUserFactory.apply('admin').apply('inactive').create()
    const roleless = await StaffUserFactory.create()

    assert.isTrue(await owner.can('staff.manage'))
    assert.isTrue(await support.can('orders.refund'))
    assert.isFalse(await support.can('staff.manage'))
    assert.isFalse(await inactive.can('catalog.read'))
    assert.isFalse(await roleless.can('catalog.read'))
  })

  test('check constraints refuse negative prices, empty lines and unknown statuses', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const variantId = product.variants[0].id
    const now = dbTimestamp()

    await assertRefused(assert, (trx) => trx.from('variants').where('id', variantId).update({ price: -1 }), /variants_price_check|check constraint/i)
    await assertRefused(assert, (trx) => trx.from('products').where('id', product.id).update({ status: 'deleted' }), /products_status_check|check constraint/i)
    await assertRefused(
      assert,
      async (trx) => {
        await trx.table('carts').insert({ token: 'cart-check', currency: 'USD', created_at: now, updated_at: now })
        const cart = await trx.from('carts').where('token', 'cart-check').firstOrFail()
        await trx.table('cart_lines').insert({ cart_id: cart.id, variant_id: variantId, quantity: 0, unit_price_at_add: 100, created_at: now, updated_at: now })
      },
      /cart_lines_quantity_check|check constraint/i
    )
    await assertRefused(
      assert,
      async (trx) => trx.table('inventory_levels').insert({ variant_id: variantId, location_id: (await trx.from('stock_locations').firstOrFail()).id, on_hand: 1, reserved: 2, created_at: now, updated_at: now }),
      /inventory_levels_reserved_check|check constraint/i
    )
  })

  test('SKUs are unique, but many variants may have none', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    await Variant.createMany([
      { productId: product.id, title: 'A', price: 100, sku: null },
      { productId: product.id, title: 'B', price: 100, sku: null },
    ])
    await assertRefused(
      assert,
      (trx) => Variant.create({ productId: product.id, title: 'C', price: 100, sku: product.variants[0].sku }, { client: trx }),
      /unique|duplicate/i
    )
  })

  test('deleting a product removes its variants, tags, images and stock', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 2).with('images', 1).create()
    await new DatabaseInventory().adjust({ variantId: product.variants[0].id, delta: 4, reason: 'received' })
    await product.syncTags(['Summer', 'summer ', 'Sale'])
    assert.sameMembers((await ProductTag.query().where('product_id', product.id)).map((t) => t.tag), ['Summer', 'Sale'])

    await product.delete()
    for (const table of ['variants', 'product_tags', 'product_images']) {
      assert.lengthOf(await db.from(table).where('product_id', product.id), 0, table)
    }
    const variantIds = product.variants.map((variant) => variant.id)
    assert.lengthOf(await db.from('inventory_levels').whereIn('variant_id', variantIds), 0)
    assert.lengthOf(await db.from('inventory_movements').whereIn('variant_id', variantIds), 0)
  })

  test('JSON and boolean columns read back as values on both databases', async ({ assert }) => {
    const customer = await CustomerFactory.with('addresses', 1).create()
    const product = await ProductFactory.with('variants', 1).create()
    const address = { line1: '1 Main St', city: 'Springfield', countryCode: 'US' }
    const order = await Order.create({
      number: 1001,
      publicToken: 'token-json-check',
      customerId: customer.id,
      email: customer.email,
      currency: 'USD',
      shippingAddress: address,
      total: 2500,
    })
    const fresh = await Order.findOrFail(order.id)
    assert.deepEqual(fresh.shippingAddress, address)
    assert.isNull(fresh.billingAddress)
    assert.equal(fresh.status, 'pending')
    assert.equal(fresh.paymentStatus, 'pending')
    assert.equal(fresh.fulfillmentStatus, 'unfulfilled')

    await customer.load('addresses')
    assert.strictEqual(customer.addresses[0].isDefaultShipping, true)
    assert.strictEqual((await Variant.findOrFail(product.variants[0].id)).taxable, true)
  })
})
