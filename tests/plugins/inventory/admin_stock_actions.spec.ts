import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ProductFactory } from '#database/factories/product_factory'
import app from '@adonisjs/core/services/app'
import AuditLog from '#models/audit_log'
import AdjustStockByStaff from '#plugins/inventory/actions/adjust_stock_by_staff'
import TransferStock from '#plugins/inventory/actions/transfer_stock'
import { StockChangeRefused } from '#plugins/inventory/stock/stock_locks'
import CreateStockLocation from '#plugins/inventory/actions/create_stock_location'
import RenameStockLocation from '#plugins/inventory/actions/rename_stock_location'
import SetStockLocationActive from '#plugins/inventory/actions/set_stock_location_active'
import { createOrder } from './support.js'
import { InventoryPort } from '#plugin_host/extension_points/inventory'

const inventoryPort = await app.container.make(InventoryPort)

const actor = { type: 'staff' as const, id: 4242, ip: '203.0.113.9' }

// The use cases as the controllers get them: from the container.
const adjustStockByStaff = async (...args: Parameters<AdjustStockByStaff['handle']>) => (await app.container.make(AdjustStockByStaff)).handle(...args)
const transferStock = async (...args: Parameters<TransferStock['handle']>) => (await app.container.make(TransferStock)).handle(...args)
const createStockLocation = async (...args: Parameters<CreateStockLocation['handle']>) => (await app.container.make(CreateStockLocation)).handle(...args)
const renameStockLocation = async (...args: Parameters<RenameStockLocation['handle']>) => (await app.container.make(RenameStockLocation)).handle(...args)
const setStockLocationActive = async (...args: Parameters<SetStockLocationActive['handle']>) =>
  (await app.container.make(SetStockLocationActive)).handle(...args)

async function newVariant(stock = 0) {
  const product = await ProductFactory.with('variants', 1).create()
  const variantId = product.variants[0].id
  if (stock) await inventoryPort.adjust({ variantId, delta: stock, reason: 'received' })
  return variantId
}

async function defaultLocation() {
  return Number((await db.from('stock_locations').where('is_default', true).firstOrFail()).id)
}

async function extraLocation() {
  const code = `loc-${Math.random().toString(36).slice(2, 10)}`
  return createStockLocation({ name: `Shop ${code}`, code }, actor)
}

async function onHand(variantId: number, locationId: number) {
  const row = await db.from('inventory_levels').where({ variant_id: variantId, location_id: locationId }).first()
  return Number(row?.on_hand ?? 0)
}

/** The ledger must add up to what is on hand, at every location. */
async function assertLedgerMatches(assert: any, variantId: number) {
  const levels = await db.from('inventory_levels').where('variant_id', variantId)
  for (const level of levels) {
    const [sum] = await db.from('inventory_movements').where({ variant_id: variantId, location_id: level.location_id }).sum('delta as total')
    assert.equal(Number(sum.total ?? 0), Number(level.on_hand), `ledger of location ${level.location_id}`)
  }
}

test.group('Inventory admin | adjustments', () => {
  test('each reason changes stock by its rule, writes a ledger row and an audit entry with on hand before and after', async ({ assert }) => {
    const variantId = await newVariant()
    const locationId = await defaultLocation()
    const steps = [
      { reason: 'received' as const, quantity: 12, after: 12, delta: 12 },
      { reason: 'damaged' as const, quantity: 3, after: 9, delta: -3 },
      { reason: 'correction' as const, quantity: -2, after: 7, delta: -2 },
      { reason: 'count' as const, quantity: 11, after: 11, delta: 4 },
      { reason: 'count' as const, quantity: 11, after: 11, delta: 0 },
    ]
    let before = 0
    for (const step of steps) {
      const result = await adjustStockByStaff(variantId, { locationId, reason: step.reason, quantity: step.quantity, note: `step ${step.reason}` }, actor)
      assert.deepInclude(result, { before, after: step.after, delta: step.delta })
      before = step.after
    }
    assert.equal(await onHand(variantId, locationId), 11)

    const ledger = await db.from('inventory_movements').where('variant_id', variantId).orderBy('id')
    assert.deepEqual(
      ledger.map((row) => [row.reason, Number(row.delta), Number(row.on_hand_after), row.actor]),
      steps.map((step) => [step.reason, step.delta, step.after, 'staff:4242'])
    )
    assert.equal(ledger[0].reference, 'step received')
    await assertLedgerMatches(assert, variantId)

    const audits = await AuditLog.query().where('action', 'inventory.adjusted').where('subject_id', String(variantId)).orderBy('id')
    assert.lengthOf(audits, 5)
    assert.deepEqual(audits[1].changes, { on_hand: [12, 9], location: 'main', reason: 'damaged', note: 'step damaged' })
    assert.equal(audits[1].actorId, 4242)
    assert.equal(audits[1].ip, '203.0.113.9')
  })

  test('refuses what would break stock: damage beyond unreserved units, counts below reserved, signless input', async ({ assert }) => {
    const variantId = await newVariant(5)
    const locationId = await defaultLocation()
    await db.transaction((trx) =>
      createOrder(trx).then((orderId) =>
        inventoryPort.reserve([{ variantId, quantity: 3 }], { orderId, expiresAt: new Date(Date.now() + 60_000), trx })
      )
    )
    const refused = async (input: any) => {
      try {
        await adjustStockByStaff(variantId, { locationId, ...input }, actor)
      } catch (error) {
        assert.instanceOf(error, StockChangeRefused)
        return (error as StockChangeRefused).field
      }
      assert.fail(`accepted ${JSON.stringify(input)}`)
    }
    assert.equal(await refused({ reason: 'damaged', quantity: 3 }), 'quantity')
    assert.equal(await refused({ reason: 'count', quantity: 2 }), 'quantity')
    assert.equal(await refused({ reason: 'count', quantity: -1 }), 'quantity')
    assert.equal(await refused({ reason: 'received', quantity: -4 }), 'quantity')
    assert.equal(await refused({ reason: 'correction', quantity: 0 }), 'quantity')
    assert.equal(await refused({ reason: 'correction', quantity: -3 }), 'quantity')
    assert.equal(await onHand(variantId, locationId), 5)

    // a count down to exactly what is reserved is fine
    const result = await adjustStockByStaff(variantId, { locationId, reason: 'count', quantity: 3 }, actor)
    assert.deepInclude(result, { before: 5, after: 3, delta: -2 })
    await assertLedgerMatches(assert, variantId)
  })

  test('a count sets the counted quantity while sales and other counts run at the same time', async ({ assert }) => {
    const variantId = await newVariant(100)
    const locationId = await defaultLocation()
    const inventory = inventoryPort
    // 10 one-unit sales race one count of 40: whatever the order, the count is what the
    // shelf holds at the moment it runs, and sales after it take from those 40
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, () => inventory.adjust({ variantId, delta: -1, reason: 'sale' })),
      adjustStockByStaff(variantId, { locationId, reason: 'count', quantity: 40 }, actor),
    ])
    assert.isTrue(results.every((result) => result.status === 'fulfilled'))
    const ledger = await db.from('inventory_movements').where('variant_id', variantId).orderBy('id')
    const countRow = ledger.find((row) => row.reason === 'count')!
    assert.equal(Number(countRow.on_hand_after), 40)
    const salesAfter = ledger.filter((row) => row.reason === 'sale' && Number(row.id) > Number(countRow.id)).length
    assert.equal(await onHand(variantId, locationId), 40 - salesAfter)
    await assertLedgerMatches(assert, variantId)

    // two counts of a level that does not exist yet: the last one wins, never their sum
    const fresh = await newVariant()
    await Promise.all([
      adjustStockByStaff(fresh, { locationId, reason: 'count', quantity: 7 }, actor),
      adjustStockByStaff(fresh, { locationId, reason: 'count', quantity: 7 }, actor),
    ])
    assert.equal(await onHand(fresh, locationId), 7)
    await assertLedgerMatches(assert, fresh)
  })
})

test.group('Inventory admin | transfers', () => {
  test('a transfer writes both ledger rows and one audit entry, in one transaction', async ({ assert }) => {
    const variantId = await newVariant(10)
    const from = await defaultLocation()
    const to = await extraLocation()
    const result = await transferStock(variantId, { fromLocationId: from, toLocationId: to, quantity: 4, note: 'restock shop' }, actor)
    assert.equal(result.quantity, 4)
    assert.equal(await onHand(variantId, from), 6)
    assert.equal(await onHand(variantId, to), 4)
    const rows = await db.from('inventory_movements').where({ variant_id: variantId, reason: 'transfer' }).orderBy('id')
    assert.deepEqual(
      rows.map((row) => [Number(row.location_id), Number(row.delta), Number(row.on_hand_after)]),
      [
        [from, -4, 6],
        [to, 4, 4],
      ]
    )
    assert.match(rows[0].reference, /^transfer main -> loc-\w+: restock shop$/)
    const audit = await AuditLog.query().where('action', 'inventory.transferred').where('subject_id', String(variantId)).firstOrFail()
    const code = (await db.from('stock_locations').where('id', to).firstOrFail()).code
    assert.deepEqual(audit.changes, { 'on_hand.main': [10, 6], [`on_hand.${code}`]: [0, 4], 'quantity': 4, 'note': 'restock shop' })
    await assertLedgerMatches(assert, variantId)
  })

  test('concurrent transfers never take stock below zero nor move the same units twice', async ({ assert }) => {
    const variantId = await newVariant(10)
    const from = await defaultLocation()
    const to = await extraLocation()
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => transferStock(variantId, { fromLocationId: from, toLocationId: to, quantity: 3 }, actor))
    )
    const done = results.filter((result) => result.status === 'fulfilled').length
    const refused = results.filter((result) => result.status === 'rejected')
    assert.equal(done, 3)
    assert.isTrue(refused.every((result) => (result as PromiseRejectedResult).reason instanceof StockChangeRefused))
    assert.equal(await onHand(variantId, from), 1)
    assert.equal(await onHand(variantId, to), 9)

    // crossing transfers lock in the same order: no deadlock, totals kept
    await Promise.all([
      transferStock(variantId, { fromLocationId: to, toLocationId: from, quantity: 2 }, actor),
      transferStock(variantId, { fromLocationId: from, toLocationId: to, quantity: 1 }, actor),
      transferStock(variantId, { fromLocationId: to, toLocationId: from, quantity: 2 }, actor),
    ])
    assert.equal((await onHand(variantId, from)) + (await onHand(variantId, to)), 10)
    assert.equal(await onHand(variantId, from), 4)
    await assertLedgerMatches(assert, variantId)
    const negative = await db.from('inventory_levels').where('variant_id', variantId).where('on_hand', '<', 0)
    assert.lengthOf(negative, 0)
  })

  test('reserved units stay where they are', async ({ assert }) => {
    const variantId = await newVariant(4)
    const from = await defaultLocation()
    const to = await extraLocation()
    await db.transaction(async (trx) => {
      const orderId = await createOrder(trx)
      await inventoryPort.reserve([{ variantId, quantity: 3 }], { orderId, expiresAt: new Date(Date.now() + 60_000), trx })
    })
    await assert.rejects(() => transferStock(variantId, { fromLocationId: from, toLocationId: to, quantity: 2 }, actor), /Only 1 unreserved/)
    await transferStock(variantId, { fromLocationId: from, toLocationId: to, quantity: 1 }, actor)
    assert.equal(await onHand(variantId, from), 3)
  })
})

test.group('Inventory admin | locations', () => {
  test('create, rename and deactivate, audited; a location with stock or the default one stays active', async ({ assert }) => {
    const id = await extraLocation()
    const main = await defaultLocation()
    assert.isTrue(await renameStockLocation(id, 'Harbour shop', actor))
    const renamed = await AuditLog.query().where('action', 'stock_location.renamed').where('subject_id', String(id)).firstOrFail()
    assert.deepEqual((renamed.changes as any).name[1], 'Harbour shop')

    const variantId = await newVariant(3)
    await transferStock(variantId, { fromLocationId: main, toLocationId: id, quantity: 2 }, actor)
    await assert.rejects(() => setStockLocationActive(id, false, actor), /still holds 2 units/)
    await assert.rejects(() => setStockLocationActive(main, false, actor), /default location/)

    await transferStock(variantId, { fromLocationId: id, toLocationId: main, quantity: 2 }, actor)
    assert.isTrue(await setStockLocationActive(id, false, actor))
    const row = await db.from('stock_locations').where('id', id).firstOrFail()
    assert.isFalse(Boolean(Number(row.is_active)))
    const audit = await AuditLog.query().where('action', 'stock_location.deactivated').where('subject_id', String(id)).firstOrFail()
    assert.deepEqual(audit.changes, { active: [true, false] })

    // stock cannot go into an inactive location
    await assert.rejects(
      () => transferStock(variantId, { fromLocationId: main, toLocationId: id, quantity: 1 }, actor),
      /deactivated/
    )
    await assert.rejects(() => adjustStockByStaff(variantId, { locationId: id, reason: 'received', quantity: 1 }, actor), /deactivated/)
    await assert.rejects(() => createStockLocation({ name: 'Again', code: row.code }, actor), /taken/)
  })
})
