import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { customerKeyOf } from '#pricing/discount_rules'

/** The code cannot be used for this order (limit reached, expired, inactive …). Nothing was written. */
export class DiscountUnavailableError extends Error {
  code = 'E_DISCOUNT_UNAVAILABLE'
  constructor(
    readonly discountId: number,
    readonly reason: 'limit_reached' | 'customer_limit_reached' | 'not_active' | 'customer_unknown',
    message: string
  ) {
    super(message)
  }
}

export interface ClaimDiscountUsageInput {
  discountId: number
  orderId: number
  customerId?: number | null
  email?: string | null
  trx: TransactionClientContract
}

/**
 * Uses one of a discount's uses for an order, inside the place-order
 * transaction (a step of that use case, not one of its own). The database
 * decides under any concurrency:
 *   1. `usage_count = usage_count + 1 WHERE usage_count < usage_limit`
 *      (and the code is active and within its dates); no row → refused.
 *      The CHECK usage_count <= usage_limit backs it up.
 *   2. per customer: an upsert of the (discount, customer) counter that only
 *      increments `WHERE usage_count < per_customer_limit`; no row → refused.
 * Throwing leaves the transaction to be rolled back by the caller, which
 * undoes step 1. Claiming again for the same order is a no-op.
 */
export async function claimDiscountUsage(input: ClaimDiscountUsageInput): Promise<void> {
  const { trx, discountId, orderId } = input
  const existing = await trx.from('discount_usages').where({ discount_id: discountId, order_id: orderId }).first()
  if (existing) return

  const discount = await trx.from('discounts').where('id', discountId).select('code', 'per_customer_limit').first()
  if (!discount) throw new DiscountUnavailableError(discountId, 'not_active', 'This discount code no longer exists.')
  const now = dbTimestamp(trx)
  const claimed = await trx
    .from('discounts')
    .where('id', discountId)
    .where('active', true)
    .where((query) => query.whereNull('usage_limit').orWhereRaw('usage_count < usage_limit'))
    .where((query) => query.whereNull('starts_at').orWhere('starts_at', '<=', now))
    .where((query) => query.whereNull('ends_at').orWhere('ends_at', '>', now))
    .update({ usage_count: trx.knexRawQuery('usage_count + 1'), updated_at: now })
  if (affectedRows(claimed) !== 1) {
    throw new DiscountUnavailableError(
      discountId,
      'limit_reached',
      `The code ${discount.code} is no longer available: it has been used up or has expired.`
    )
  }

  const customerKey = customerKeyOf(input.email, input.customerId)
  const perCustomerLimit = discount.per_customer_limit === null ? null : Number(discount.per_customer_limit)
  if (perCustomerLimit !== null) {
    if (!customerKey) {
      throw new DiscountUnavailableError(discountId, 'customer_unknown', `The code ${discount.code} needs an email address.`)
    }
    const counted = await trx
      .knexQuery()
      .table('discount_customer_usages')
      .insert({ discount_id: discountId, customer_key: customerKey, usage_count: 1, created_at: now, updated_at: now })
      .onConflict(['discount_id', 'customer_key'])
      .merge({ usage_count: trx.knexRawQuery('discount_customer_usages.usage_count + 1'), updated_at: now })
      .where('discount_customer_usages.usage_count', '<', perCustomerLimit)
      .returning('usage_count')
    if (!counted.length) {
      throw new DiscountUnavailableError(
        discountId,
        'customer_limit_reached',
        `You have already used the code ${discount.code} as often as it allows.`
      )
    }
  }

  await trx.table('discount_usages').insert({
    discount_id: discountId,
    order_id: orderId,
    customer_id: input.customerId ?? null,
    email: input.email ?? null,
    customer_key: customerKey,
    created_at: now,
  })
}

/**
 * Gives back the discount uses of a cancelled order, inside the cancelling
 * transaction: marks each usage released and decrements the counters, each
 * only when this call is the one that released it (a conditional UPDATE),
 * so calling it twice, or from two processes at once, gives back exactly
 * once.
 */
export async function releaseDiscountUsage(orderId: number, trx: TransactionClientContract): Promise<number> {
  const usages = await trx.from('discount_usages').where('order_id', orderId).whereNull('released_at')
  const now = dbTimestamp(trx)
  let released = 0
  for (const usage of usages) {
    const marked = await trx
      .from('discount_usages')
      .where('id', usage.id)
      .whereNull('released_at')
      .update({ released_at: now })
    if (affectedRows(marked) !== 1) continue
    released += 1
    await trx
      .from('discounts')
      .where('id', usage.discount_id)
      .where('usage_count', '>', 0)
      .update({ usage_count: trx.knexRawQuery('usage_count - 1'), updated_at: now })
    if (usage.customer_key) {
      await trx
        .from('discount_customer_usages')
        .where({ discount_id: usage.discount_id, customer_key: usage.customer_key })
        .where('usage_count', '>', 0)
        .update({ usage_count: trx.knexRawQuery('usage_count - 1'), updated_at: now })
    }
  }
  return released
}
