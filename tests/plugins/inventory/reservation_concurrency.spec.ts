import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DatabaseInventory } from '#plugins/inventory/drivers/database_inventory'
import { InsufficientStockError } from '#plugin_host/extension_points/inventory'
import { createOrder, inAnHour, ledgerSum, level, stockedVariants } from './support.js'

/**
 * Real commits on purpose (no global transaction): every reservation runs
 * in its own transaction, as concurrent checkouts do. On PostgreSQL they
 * really race on the level row; SQLite has one writer, so there they queue,
 * which still checks the arithmetic.
 */
test.group('Inventory | reservation concurrency', () => {
  test('200 concurrent reservations of 1 unit with 20 in stock: exactly 20 succeed', async ({ assert, cleanup }) => {
    const inventory = new DatabaseInventory()
    const { product, ids } = await stockedVariants(inventory, [20])
    cleanup(() => product.delete())
    const variantId = ids[0]
    const orderIds = await Promise.all(Array.from({ length: 200 }, () => createOrder()))
    cleanup(async () => {
      await db.from('orders').whereIn('id', orderIds).delete()
    })

    // Watches the level while the race runs: it must never leave 0 <= reserved <= on_hand.
    const seen: Array<{ onHand: number; reserved: number }> = []
    let racing = true
    const watcher = (async () => {
      while (racing) {
        seen.push(await level(variantId))
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })()

    const outcomes = await Promise.allSettled(
      orderIds.map((orderId) =>
        db.transaction((trx) => inventory.reserve([{ variantId, quantity: 1 }], { orderId, expiresAt: inAnHour(), trx }))
      )
    )
    racing = false
    await watcher

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
    assert.lengthOf(won, 20)
    assert.lengthOf(lost, 180)
    for (const outcome of lost) {
      assert.instanceOf(outcome.reason, InsufficientStockError)
      assert.deepEqual((outcome.reason as InsufficientStockError).lines, [{ variantId, requested: 1, available: 0 }])
    }
    assert.deepEqual(await level(variantId), { onHand: 20, reserved: 20 })
    assert.equal(Number((await db.from('reservations').where('variant_id', variantId).count('* as total'))[0].total), 20)
    for (const sample of seen) {
      assert.isAtLeast(sample.reserved, 0)
      assert.isAtMost(sample.reserved, sample.onHand)
    }

    // Every winner pays, twice over (a replayed webhook): the ledger still adds up to the level.
    const winners = (await db.from('reservations').where('variant_id', variantId)).map((row) => Number(row.order_id))
    await Promise.all(
      [...winners, ...winners].map((orderId) => db.transaction((trx) => inventory.commit(orderId, trx)))
    )
    assert.deepEqual(await level(variantId), { onHand: 0, reserved: 0 })
    assert.equal(await ledgerSum(variantId), 0)
    assert.lengthOf(await db.from('inventory_movements').where({ variant_id: variantId, reason: 'sale' }), 20)
  }).timeout(60_000)

  test('a commit racing a release of the same order applies exactly one of them', async ({ assert, cleanup }) => {
    const inventory = new DatabaseInventory()
    const { product, ids } = await stockedVariants(inventory, [5])
    cleanup(() => product.delete())
    const variantId = ids[0]
    const orderId = await createOrder()
    cleanup(async () => {
      await db.from('orders').where('id', orderId).delete()
    })
    await db.transaction((trx) => inventory.reserve([{ variantId, quantity: 2 }], { orderId, expiresAt: inAnHour(), trx }))

    await Promise.all([
      db.transaction((trx) => inventory.commit(orderId, trx)),
      db.transaction((trx) => inventory.release(orderId, 'expired', trx)),
      db.transaction((trx) => inventory.commit(orderId, trx)),
    ])

    const status = (await db.from('reservations').where('order_id', orderId).firstOrFail()).status
    const current = await level(variantId)
    if (status === 'committed') assert.deepEqual(current, { onHand: 3, reserved: 0 })
    else assert.deepEqual([status, current], ['expired', { onHand: 5, reserved: 0 }])
    assert.equal(await ledgerSum(variantId), current.onHand)
  }).timeout(30_000)

  test('orders sharing two variants, listed in either order, neither deadlock nor oversell', async ({ assert, cleanup }) => {
    const inventory = new DatabaseInventory()
    const { product, ids } = await stockedVariants(inventory, [10, 30])
    cleanup(() => product.delete())
    const [scarce, plenty] = ids
    const orderIds = await Promise.all(Array.from({ length: 60 }, () => createOrder()))
    cleanup(async () => {
      await db.from('orders').whereIn('id', orderIds).delete()
    })

    const outcomes = await Promise.allSettled(
      orderIds.map((orderId, index) => {
        const lines = [
          { variantId: scarce, quantity: 1 },
          { variantId: plenty, quantity: 1 },
        ]
        if (index % 2) lines.reverse()
        return db.transaction((trx) => inventory.reserve(lines, { orderId, expiresAt: inAnHour(), trx }))
      })
    )

    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
    assert.lengthOf(lost, 50)
    for (const outcome of lost) {
      assert.deepEqual((outcome.reason as InsufficientStockError).lines, [{ variantId: scarce, requested: 1, available: 0 }])
    }
    assert.deepEqual(await level(scarce), { onHand: 10, reserved: 10 })
    assert.deepEqual(await level(plenty), { onHand: 30, reserved: 10 })
  }).timeout(60_000)
})
