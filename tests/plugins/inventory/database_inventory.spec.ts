import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { DatabaseInventory, StockBelowReservedError } from '#plugins/inventory/drivers/database_inventory'
import { ProductFactory } from '#database/factories/product_factory'
import { dbTimestamp } from '#services/db_time'

async function addLocation(code: string) {
  const now = dbTimestamp()
  const [row] = await db
    .table('stock_locations')
    .insert({ name: `Store ${code}`, code, is_default: false, created_at: now, updated_at: now })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

test.group('Inventory | database driver', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('migrations create one default stock location', async ({ assert }) => {
    const locations = await db.from('stock_locations').where('is_default', true)
    assert.lengthOf(locations, 1)
    assert.equal(locations[0].code, 'main')
  })

  test('adjust creates the level, changes on-hand stock and writes the ledger', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const variant = product.variants[0]
    const inventory = new DatabaseInventory()

    assert.deepEqual(await inventory.adjust({ variantId: variant.id, delta: 10, reason: 'received', actor: 'staff:1', reference: 'PO-7' }), { onHand: 10 })
    assert.deepEqual(await inventory.adjust({ variantId: variant.id, delta: -3, reason: 'damaged' }), { onHand: 7 })

    const levels = await db.from('inventory_levels').where('variant_id', variant.id)
    assert.lengthOf(levels, 1)
    assert.equal(levels[0].on_hand, 7)
    assert.equal(levels[0].location_id, await inventory.defaultLocationId())

    const ledger = await db.from('inventory_movements').where('variant_id', variant.id).orderBy('id')
    assert.deepEqual(
      ledger.map((row) => [row.delta, row.reason, row.on_hand_after, row.actor, row.reference]),
      [
        [10, 'received', 10, 'staff:1', 'PO-7'],
        [-3, 'damaged', 7, null, null],
      ]
    )
  })

  test('available sums every location, minus reservations; unknown variants are 0', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 2).create()
    const [first, second] = product.variants
    const inventory = new DatabaseInventory()
    const backRoom = await addLocation('back-room')

    await inventory.adjust({ variantId: first.id, delta: 5, reason: 'received' })
    await inventory.adjust({ variantId: first.id, locationId: backRoom, delta: 4, reason: 'received' })
    await inventory.adjust({ variantId: second.id, delta: 2, reason: 'received' })
    await db.from('inventory_levels').where('variant_id', second.id).update({ reserved: 1 })

    const available = await inventory.available([first.id, second.id, 999_999])
    assert.equal(available.get(first.id), 9)
    assert.equal(available.get(second.id), 1)
    assert.equal(available.get(999_999), 0)
    assert.equal((await inventory.available([])).size, 0)
  })

  test('refuses to take on-hand stock below what is reserved, and writes no ledger row', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const variantId = product.variants[0].id
    const inventory = new DatabaseInventory()
    await inventory.adjust({ variantId, delta: 3, reason: 'received' })

    await assert.rejects(() => inventory.adjust({ variantId, delta: -4, reason: 'count' }), StockBelowReservedError)
    const movements = await db.from('inventory_movements').where('variant_id', variantId)
    assert.lengthOf(movements, 1)
    assert.equal((await inventory.available([variantId])).get(variantId), 3)
  })

  test('joins the caller transaction and rolls back with it', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const variantId = product.variants[0].id
    const inventory = new DatabaseInventory()

    const trx = await db.transaction()
    await inventory.adjust({ variantId, delta: 8, reason: 'import' }, trx)
    await trx.rollback()

    assert.equal((await inventory.available([variantId])).get(variantId), 0)
    assert.lengthOf(await db.from('inventory_movements').where('variant_id', variantId), 0)
  })
})

test.group('Inventory | concurrency', () => {
  test('concurrent adjusts of the same variant lose no update', async ({ assert, cleanup }) => {
    // Real commits on purpose: a shared global transaction would serialise the calls.
    const product = await ProductFactory.with('variants', 1).create()
    cleanup(() => product.delete())
    const variantId = product.variants[0].id
    const inventory = new DatabaseInventory()

    // The first calls race to create the level row; the rest race to increment it.
    await Promise.all(
      Array.from({ length: 30 }, () => inventory.adjust({ variantId, delta: 1, reason: 'correction' }))
    )

    const level = await db.from('inventory_levels').where('variant_id', variantId).firstOrFail()
    const ledger = await db.from('inventory_movements').where('variant_id', variantId)
    assert.equal(level.on_hand, 30)
    // Each update saw the state the previous one left: on-hand went 1, 2, … 30 without repeats.
    assert.sameMembers(
      ledger.map((row) => row.on_hand_after),
      Array.from({ length: 30 }, (_, index) => index + 1)
    )
  })
})
