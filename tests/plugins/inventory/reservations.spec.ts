import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { DatabaseInventory } from '#plugins/inventory/drivers/database_inventory'
import { InsufficientStockError } from '#plugin_host/extension_points/inventory'
import { dbTimestamp } from '#services/db_time'
import { createOrder, inAnHour, ledgerSum, level, reservationsOf, stockedVariants } from './support.js'

test.group('Inventory | reserve, commit, release', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('reserve holds stock for the order without touching on-hand stock', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [10, 4])
    const orderId = await createOrder()

    await db.transaction((trx) =>
      inventory.reserve(
        [
          { variantId: ids[0], quantity: 3 },
          { variantId: ids[1], quantity: 4 },
        ],
        { orderId, expiresAt: inAnHour(), trx }
      )
    )

    assert.deepEqual(await level(ids[0]), { onHand: 10, reserved: 3 })
    assert.deepEqual(await level(ids[1]), { onHand: 4, reserved: 4 })
    const available = await inventory.available(ids)
    assert.equal(available.get(ids[0]), 7)
    assert.equal(available.get(ids[1]), 0)

    const rows = await reservationsOf(orderId)
    assert.deepEqual(
      rows.map((row) => [Number(row.variant_id), Number(row.quantity), row.status]),
      [
        [ids[0], 3, 'active'],
        [ids[1], 4, 'active'],
      ]
    )
    assert.isNotNull(rows[0].expires_at)
    assert.equal(Number(rows[0].location_id), await inventory.defaultLocationId())
  })

  test('the same variant on two lines is reserved once, with the quantities added', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [5])
    const orderId = await createOrder()

    await db.transaction((trx) =>
      inventory.reserve(
        [
          { variantId: ids[0], quantity: 2 },
          { variantId: ids[0], quantity: 3 },
        ],
        { orderId, expiresAt: inAnHour(), trx }
      )
    )
    assert.deepEqual(await level(ids[0]), { onHand: 5, reserved: 5 })
    assert.lengthOf(await reservationsOf(orderId), 1)
  })

  test('commit takes reserved stock off on-hand, writes a sale to the ledger, and is idempotent', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [10])
    const orderId = await createOrder()
    await db.transaction((trx) =>
      inventory.reserve([{ variantId: ids[0], quantity: 4 }], { orderId, expiresAt: inAnHour(), trx })
    )

    await db.transaction((trx) => inventory.commit(orderId, trx))
    await db.transaction((trx) => inventory.commit(orderId, trx))

    assert.deepEqual(await level(ids[0]), { onHand: 6, reserved: 0 })
    const sales = await db.from('inventory_movements').where({ variant_id: ids[0], reason: 'sale' })
    assert.lengthOf(sales, 1)
    assert.equal(Number(sales[0].delta), -4)
    assert.equal(Number(sales[0].on_hand_after), 6)
    assert.equal(sales[0].reference, `order:${orderId}`)
    assert.equal((await reservationsOf(orderId))[0].status, 'committed')
    assert.equal(await ledgerSum(ids[0]), 6)

    // A committed reservation cannot be released any more.
    await db.transaction((trx) => inventory.release(orderId, 'cancelled', trx))
    assert.deepEqual(await level(ids[0]), { onHand: 6, reserved: 0 })
    assert.equal((await reservationsOf(orderId))[0].status, 'committed')
  })

  test('release gives stock back once; expiry is recorded as such; a released order cannot commit', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [6])
    const cancelled = await createOrder()
    const expired = await createOrder()
    await db.transaction(async (trx) => {
      await inventory.reserve([{ variantId: ids[0], quantity: 2 }], { orderId: cancelled, expiresAt: inAnHour(), trx })
      await inventory.reserve([{ variantId: ids[0], quantity: 3 }], { orderId: expired, expiresAt: inAnHour(), trx })
    })
    assert.deepEqual(await level(ids[0]), { onHand: 6, reserved: 5 })

    await db.transaction((trx) => inventory.release(cancelled, 'cancelled', trx))
    await db.transaction((trx) => inventory.release(cancelled, 'cancelled', trx))
    assert.deepEqual(await level(ids[0]), { onHand: 6, reserved: 3 })

    await db.transaction((trx) => inventory.release(expired, 'expired', trx))
    assert.deepEqual(await level(ids[0]), { onHand: 6, reserved: 0 })
    assert.equal((await reservationsOf(cancelled))[0].status, 'released')
    assert.equal((await reservationsOf(expired))[0].status, 'expired')

    await db.transaction((trx) => inventory.commit(cancelled, trx))
    assert.deepEqual(await level(ids[0]), { onHand: 6, reserved: 0 })
    assert.lengthOf(await db.from('inventory_movements').where({ variant_id: ids[0], reason: 'sale' }), 0)
  })

  test('all or nothing: every short line is named and nothing is held, even when the caller goes on', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [5, 2, 0])
    const orderId = await createOrder()
    const unknownVariant = 999_999_999

    let error: unknown
    await db.transaction(async (trx) => {
      try {
        await inventory.reserve(
          [
            { variantId: ids[0], quantity: 5 },
            { variantId: ids[1], quantity: 3 },
            { variantId: ids[2], quantity: 1 },
            { variantId: unknownVariant, quantity: 1 },
          ],
          { orderId, expiresAt: inAnHour(), trx }
        )
      } catch (caught) {
        error = caught
      }
      // The caller carries on and commits its own transaction: the savepoint already undid the partial holds.
    })

    assert.instanceOf(error, InsufficientStockError)
    const short = (error as InsufficientStockError).lines
    assert.deepEqual(
      short.sort((a, b) => a.variantId - b.variantId),
      [
        { variantId: ids[1], requested: 3, available: 2 },
        { variantId: ids[2], requested: 1, available: 0 },
        { variantId: unknownVariant, requested: 1, available: 0 },
      ]
    )
    assert.equal((error as InsufficientStockError).code, 'E_INSUFFICIENT_STOCK')
    assert.deepEqual(await level(ids[0]), { onHand: 5, reserved: 0 })
    assert.deepEqual(await level(ids[1]), { onHand: 2, reserved: 0 })
    assert.lengthOf(await reservationsOf(orderId), 0)
  })

  test('a line larger than any one location is split over locations, default first', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [3])
    const now = dbTimestamp()
    const [row] = await db
      .table('stock_locations')
      .insert({ name: 'Shop', code: `shop-${ids[0]}`, is_default: false, created_at: now, updated_at: now })
      .returning('id')
    const shop = Number(typeof row === 'object' ? row.id : row)
    await inventory.adjust({ variantId: ids[0], locationId: shop, delta: 4, reason: 'received' })
    const orderId = await createOrder()

    await db.transaction((trx) =>
      inventory.reserve([{ variantId: ids[0], quantity: 6 }], { orderId, expiresAt: inAnHour(), trx })
    )
    const defaultLocation = await inventory.defaultLocationId()
    assert.deepEqual(await level(ids[0], defaultLocation), { onHand: 3, reserved: 3 })
    assert.deepEqual(await level(ids[0], shop), { onHand: 4, reserved: 3 })

    await db.transaction((trx) => inventory.commit(orderId, trx))
    assert.deepEqual(await level(ids[0], defaultLocation), { onHand: 0, reserved: 0 })
    assert.deepEqual(await level(ids[0], shop), { onHand: 1, reserved: 0 })
    assert.equal(await ledgerSum(ids[0]), 1)
  })

  test('continue policy: holds what there is and backorders the rest; commit consumes only what was held', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [2, 0], { inventoryPolicy: 'continue' })
    const orderId = await createOrder()

    await db.transaction((trx) =>
      inventory.reserve(
        [
          { variantId: ids[0], quantity: 5 },
          { variantId: ids[1], quantity: 1 },
        ],
        { orderId, expiresAt: inAnHour(), trx }
      )
    )
    assert.deepEqual(await level(ids[0]), { onHand: 2, reserved: 2 })
    const backorders = await db.from('backorders').where('order_id', orderId).orderBy('variant_id')
    assert.deepEqual(
      backorders.map((row) => [Number(row.variant_id), Number(row.quantity), row.status]),
      [
        [ids[0], 3, 'open'],
        [ids[1], 1, 'open'],
      ]
    )

    await db.transaction((trx) => inventory.commit(orderId, trx))
    assert.deepEqual(await level(ids[0]), { onHand: 0, reserved: 0 })
    assert.deepEqual(
      (await db.from('backorders').where('order_id', orderId)).map((row) => row.status),
      ['committed', 'committed']
    )
    assert.equal(await ledgerSum(ids[0]), 0)
  })

  test('a released continue-policy order drops its backorder', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [1], { inventoryPolicy: 'continue' })
    const orderId = await createOrder()
    await db.transaction((trx) =>
      inventory.reserve([{ variantId: ids[0], quantity: 3 }], { orderId, expiresAt: inAnHour(), trx })
    )
    await db.transaction((trx) => inventory.release(orderId, 'payment_failed', trx))
    assert.deepEqual(await level(ids[0]), { onHand: 1, reserved: 0 })
    assert.equal((await db.from('backorders').where('order_id', orderId).firstOrFail()).status, 'released')
  })

  test('untracked variants are never refused and hold nothing', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [0], { trackInventory: false })
    const orderId = await createOrder()

    await db.transaction((trx) =>
      inventory.reserve([{ variantId: ids[0], quantity: 50 }], { orderId, expiresAt: inAnHour(), trx })
    )
    assert.lengthOf(await reservationsOf(orderId), 0)
    assert.lengthOf(await db.from('backorders').where('order_id', orderId), 0)
    await db.transaction((trx) => inventory.commit(orderId, trx))
    assert.deepEqual(await level(ids[0]), { onHand: 0, reserved: 0 })
  })

  test('rejects quantities that are not positive integers', async ({ assert }) => {
    const inventory = new DatabaseInventory()
    const { ids } = await stockedVariants(inventory, [5])
    const orderId = await createOrder()
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          inventory.reserve([{ variantId: ids[0], quantity: 0 }], { orderId, expiresAt: inAnHour(), trx })
        ),
      TypeError
    )
    assert.deepEqual(await level(ids[0]), { onHand: 5, reserved: 0 })
  })
})
