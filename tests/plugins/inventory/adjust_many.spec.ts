import { setTimeout as sleep } from 'node:timers/promises'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import cache from '@adonisjs/cache/services/main'
import emitter from '@adonisjs/core/services/emitter'
import testUtils from '@adonisjs/core/services/test_utils'
import { DatabaseInventory, StockBelowReservedError } from '#plugins/inventory/drivers/database_inventory'
import { ProductFactory } from '#database/factories/product_factory'
import { invalidatingCatalogCache } from '#catalog/stock_cache_invalidation'
import { productTag } from '#catalog/catalog_cache'
import { dbTimestamp } from '#services/db_time'
import { ledgerSum, level, stockedVariants } from './support.js'

async function addLocation(code: string) {
  const now = dbTimestamp()
  const [row] = await db
    .table('stock_locations')
    .insert({ name: `Store ${code}`, code, is_default: false, created_at: now, updated_at: now })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

/** Runs `work` and counts the SQL statements it sent. */
async function countingQueries<T>(work: () => Promise<T>) {
  let count = 0
  const listener = () => void count++
  emitter.on('db:query', listener)
  try {
    return { result: await work(), count: () => count }
  } finally {
    emitter.off('db:query', listener)
  }
}

async function stockLowEvents(variantId: number) {
  const rows = await db.from('outbox_events').where('name', 'StockLow').orderBy('id')
  return rows
    .map((row) => (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload))
    .filter((payload) => payload.variantId === variantId)
}

test.group('Inventory | adjustMany', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('applies every adjustment, creating levels, and writes one ledger row each with the quantity after it', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [5, 0])
    const [stocked, fresh] = ids
    const backRoom = await addLocation(`bulk-back-${Date.now()}`)

    const result = await inventory.adjustMany([
      { variantId: stocked, delta: 3, reason: 'count', actor: 'cli', reference: 'count.csv:2' },
      { variantId: fresh, delta: 7, reason: 'count', reference: 'count.csv:3' },
      { variantId: stocked, delta: -2, reason: 'count', reference: 'count.csv:4' },
      { variantId: stocked, locationId: backRoom, delta: 4, reason: 'received' },
    ])
    assert.deepEqual(result, [{ onHand: 8 }, { onHand: 7 }, { onHand: 6 }, { onHand: 4 }])

    const main = await inventory.defaultLocationId()
    assert.deepEqual(await level(stocked, main), { onHand: 6, reserved: 0 })
    assert.deepEqual(await level(stocked, backRoom), { onHand: 4, reserved: 0 })
    assert.deepEqual(await level(fresh), { onHand: 7, reserved: 0 })
    assert.equal(await ledgerSum(stocked), 10, 'the ledger adds up to on-hand stock')

    const ledger = await db.from('inventory_movements').where('variant_id', stocked).orderBy('id')
    assert.deepEqual(
      ledger.slice(1).map((row) => [row.delta, row.reason, row.on_hand_after, row.actor, row.reference, Number(row.location_id)]),
      [
        [3, 'count', 8, 'cli', 'count.csv:2', main],
        [-2, 'count', 6, null, 'count.csv:4', main],
        [4, 'received', 4, null, null, backRoom],
      ]
    )
  })

  test('a few statements for hundreds of adjustments, not several per adjustment', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const product = await ProductFactory.with('variants', 300).create()
    const ids = product.variants.map((variant) => variant.id)
    await inventory.adjustMany(ids.slice(0, 150).map((variantId) => ({ variantId, delta: 2, reason: 'received' as const })))

    // Half update existing levels, half create them; all in one chunk.
    const { count } = await countingQueries(() =>
      inventory.adjustMany(ids.map((variantId) => ({ variantId, delta: 1, reason: 'count' as const })))
    )
    assert.isAtLeast(count(), 4, 'the statements are counted')
    assert.isAtMost(count(), 10)
    assert.deepEqual(await level(ids[0]), { onHand: 3, reserved: 0 })
    assert.deepEqual(await level(ids[299]), { onHand: 1, reserved: 0 })
    assert.lengthOf(await db.from('inventory_movements').whereIn('variant_id', ids).where('reason', 'count'), 300)
  })

  test('more adjustments than one chunk are all applied, in order', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [0])
    const adjustments = Array.from({ length: 1203 }, (_, index) => ({
      variantId: ids[0],
      delta: index % 3 === 2 ? -1 : 1,
      reason: 'count' as const,
    }))
    const result = await inventory.adjustMany(adjustments)
    assert.lengthOf(result, 1203)
    assert.deepEqual(result.slice(0, 4), [{ onHand: 1 }, { onHand: 2 }, { onHand: 1 }, { onHand: 2 }])
    assert.equal(result.at(-1)!.onHand, 401)
    assert.deepEqual(await level(ids[0]), { onHand: 401, reserved: 0 })
    assert.equal(await ledgerSum(ids[0]), 401)
  })

  test('refuses the whole call when one level would fall below what is reserved; the caller transaction goes on', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [5, 5])
    await db.from('inventory_levels').where('variant_id', ids[1]).update({ reserved: 3 })

    await db.transaction(async (trx) => {
      const error = await inventory
        .adjustMany(
          [
            { variantId: ids[0], delta: 10, reason: 'count' },
            { variantId: ids[1], delta: -3, reason: 'count', reference: 'count.csv:9' },
          ],
          trx
        )
        .catch((caught) => caught)
      assert.instanceOf(error, StockBelowReservedError)
      assert.equal(error.adjustment.reference, 'count.csv:9')
      assert.match(error.message, new RegExp(`variant ${ids[1]} by -3`))

      // Nothing of the call is left, and the transaction still works.
      assert.deepEqual(await level(ids[0]), { onHand: 5, reserved: 0 })
      assert.equal(Number((await trx.from('inventory_levels').where('variant_id', ids[0]).first()).on_hand), 5)
      await inventory.adjustMany([{ variantId: ids[1], delta: -2, reason: 'count' }], trx)
    })
    assert.deepEqual(await level(ids[1]), { onHand: 3, reserved: 3 })
    assert.equal(await ledgerSum(ids[1]), 3)

    const fresh = (await stockedVariants(inventory, [0])).ids[0]
    await assert.rejects(() => inventory.adjustMany([{ variantId: fresh, delta: -1, reason: 'count' }]), StockBelowReservedError)
    assert.lengthOf(await db.from('inventory_levels').where('variant_id', fresh), 0)
    await assert.rejects(() => inventory.adjustMany([{ variantId: fresh, delta: 1.5, reason: 'count' }]), TypeError)
  })

  test('raises StockLow once for variants a bulk decrease takes to their threshold, and re-arms on increase', async ({ assert }) => {
    const inventory = new DatabaseInventory({ lowStockThreshold: 3 })
    const { ids } = await stockedVariants(inventory, [10, 10, 10])
    const [crossing, staying, other] = ids

    await inventory.adjustMany([
      { variantId: crossing, delta: -4, reason: 'count' },
      { variantId: crossing, delta: -4, reason: 'count' },
      { variantId: staying, delta: -2, reason: 'count' },
      { variantId: other, delta: 5, reason: 'count' },
    ])
    assert.deepEqual(await stockLowEvents(crossing), [{ variantId: crossing, available: 2, threshold: 3 }])
    assert.lengthOf(await stockLowEvents(staying), 0)

    await inventory.adjustMany([{ variantId: crossing, delta: -1, reason: 'count' }])
    assert.lengthOf(await stockLowEvents(crossing), 1, 'announced once per crossing')
    await inventory.adjustMany([{ variantId: crossing, delta: 9, reason: 'received' }])
    await inventory.adjustMany([{ variantId: crossing, delta: -8, reason: 'count' }])
    assert.lengthOf(await stockLowEvents(crossing), 2, 're-armed by the restock')
  })

  test('levels and locations read stock per location with its code', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [4, 0])
    const code = `lv-${Date.now()}`
    const shop = await addLocation(code)
    await inventory.adjustMany([{ variantId: ids[0], locationId: shop, delta: 2, reason: 'received' }])
    await db.from('inventory_levels').where('variant_id', ids[0]).where('location_id', shop).update({ reserved: 1 })

    const main = await inventory.defaultLocationId()
    const levels = await inventory.levels([ids[1], ids[0], ids[0]])
    assert.deepEqual(
      levels.map(({ updatedAt, ...level }) => level),
      [
        { variantId: ids[0], locationId: main, locationCode: 'main', onHand: 4, reserved: 0 },
        { variantId: ids[0], locationId: shop, locationCode: code, onHand: 2, reserved: 1 },
      ]
    )
    assert.isBelow(Math.abs(levels[0].updatedAt.getTime() - Date.now()), 60_000, 'updatedAt is read as the instant it was written')
    const locations = await inventory.locations()
    assert.deepEqual(locations[0], { id: main, code: 'main', name: 'Main warehouse', isDefault: true })
    assert.deepInclude(locations, { id: shop, code, name: `Store ${code}`, isDefault: false })
  })

  test('through the host wrapper, the products pages drop once the transaction commits', async ({ assert }) => {
    const driver = new DatabaseInventory()
    const inventory = invalidatingCatalogCache(driver)
    const { product, ids } = await stockedVariants(driver, [1, 1])
    const key = `test:bulk-page:${product.id}`
    await sleep(5)
    await cache.set({ key, value: 'page', tags: [productTag(product.id)] })

    const trx = await db.transaction()
    await inventory.adjustMany(ids.map((variantId) => ({ variantId, delta: 1, reason: 'count' as const })), trx)
    assert.isDefined(await cache.get({ key }), 'not before the commit')
    await trx.commit()
    assert.isUndefined(await cache.get({ key }))
  })
})
