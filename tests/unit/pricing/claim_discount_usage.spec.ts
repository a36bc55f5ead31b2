import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import runtime from '#config/runtime'
import Discount from '#models/discount'
import { DiscountFactory } from '#database/factories/discount_factory'
import { claimDiscountUsage, DiscountUnavailableError, releaseDiscountUsage } from '#pricing/discount_usage'
import { dbTimestamp } from '#services/db_time'

let nextNumber = 7_000_000 + Math.floor(Math.random() * 1_000_000)

/** A bare pending order row inside `trx`, as the place-order action would insert it. */
async function insertOrder(trx: TransactionClientContract, email: string) {
  const now = dbTimestamp(trx)
  const [row] = await trx
    .table('orders')
    .insert({ number: nextNumber++, public_token: randomBytes(16).toString('hex'), email, currency: 'USD', created_at: now, updated_at: now })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

/** One checkout: order + claim in a transaction; true when it committed. */
async function checkout(discountId: number, email: string) {
  try {
    await db.transaction(async (trx) => {
      const orderId = await insertOrder(trx, email)
      await claimDiscountUsage({ discountId, orderId, email, trx })
    })
    return true
  } catch (error) {
    if (error instanceof DiscountUnavailableError) return false
    throw error
  }
}

// Committed transactions, no global one: the point is real concurrency.
test.group('Pricing | claimDiscountUsage', () => {
  test('a code with 1 use left is used exactly once by 50 concurrent checkouts on {$self}', async ({ assert }) => {
    const discount = await DiscountFactory.merge({ usageLimit: 10, usageCount: 9 }).create()
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => checkout(discount.id, `racer-${index}-${discount.id}@example.test`))
    )
    assert.equal(results.filter(Boolean).length, 1)
    await discount.refresh()
    assert.equal(discount.usageCount, 10)
    const usages = await db.from('discount_usages').where('discount_id', discount.id)
    assert.lengthOf(usages, 1)
  }).with([runtime.database])

  test('the per-customer limit holds under concurrency, counted by email whatever its case', async ({ assert }) => {
    const discount = await DiscountFactory.merge({ perCustomerLimit: 2 }).create()
    const email = `Repeat-${discount.id}@Example.test`
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) => checkout(discount.id, index % 2 ? email : email.toLowerCase()))
    )
    assert.equal(results.filter(Boolean).length, 2)
    assert.isTrue(await checkout(discount.id, `someone-else-${discount.id}@example.test`))
    const counter = await db.from('discount_customer_usages').where({ discount_id: discount.id, customer_key: email.toLowerCase() }).first()
    assert.equal(Number(counter.usage_count), 2)
  })

  test('releasing gives the use back once, and claiming twice for one order counts once', async ({ assert }) => {
    const discount = await DiscountFactory.merge({ usageLimit: 1, perCustomerLimit: 1 }).create()
    const email = `release-${discount.id}@example.test`
    const orderId = await db.transaction(async (trx) => {
      const id = await insertOrder(trx, email)
      await claimDiscountUsage({ discountId: discount.id, orderId: id, email, trx })
      await claimDiscountUsage({ discountId: discount.id, orderId: id, email, trx })
      return id
    })
    await discount.refresh()
    assert.equal(discount.usageCount, 1)
    assert.isFalse(await checkout(discount.id, `other-${discount.id}@example.test`))

    const released = await Promise.all([
      db.transaction((trx) => releaseDiscountUsage(orderId, trx)),
      db.transaction((trx) => releaseDiscountUsage(orderId, trx)),
    ])
    assert.equal(released[0] + released[1], 1)
    await discount.refresh()
    assert.equal(discount.usageCount, 0)
    // the same shopper may use it again, and the code is free for one more order
    assert.isTrue(await checkout(discount.id, email))
    assert.isFalse(await checkout(discount.id, email))
  })

  test('an expired or inactive code cannot be claimed; the database refuses counts over the limit', async ({ assert }) => {
    const inactive = await DiscountFactory.merge({ active: false }).create()
    assert.isFalse(await checkout(inactive.id, 'x@example.test'))
    const limited = await DiscountFactory.merge({ usageLimit: 1 }).create()
    await assert.rejects(
      () => db.transaction((trx) => trx.from('discounts').where('id', limited.id).update({ usage_count: 2 })),
      /discounts_usage_check|check constraint/i
    )
    await assert.rejects(
      () => Discount.create({ code: limited.code.toLowerCase(), kind: 'percentage', value: 500 }),
      /unique|duplicate/i
    )
  })
})
