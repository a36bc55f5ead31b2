import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#services/db_time'
import { MAX_LINE_QUANTITY } from '#validators/cart'

/**
 * Adds `quantity` to the cart's line for a variant, creating it if needed,
 * in one statement (capped at MAX_LINE_QUANTITY), and remembers `unitPrice`
 * as the price seen. Adding to the cart and merging a guest cart both use it.
 */
export async function upsertCartLine(
  client: QueryClientContract | TransactionClientContract,
  line: { cartId: number; variantId: number; quantity: number; unitPrice: number }
) {
  const now = dbTimestamp(client)
  await client
    .knexQuery()
    .table('cart_lines')
    .insert({ cart_id: line.cartId, variant_id: line.variantId, quantity: line.quantity, unit_price_at_add: line.unitPrice, created_at: now, updated_at: now })
    .onConflict(['cart_id', 'variant_id'])
    .merge({
      quantity: client.knexRawQuery('case when cart_lines.quantity + ? > ? then ? else cart_lines.quantity + ? end', [
        line.quantity,
        MAX_LINE_QUANTITY,
        MAX_LINE_QUANTITY,
        line.quantity,
      ]),
      unit_price_at_add: line.unitPrice,
      updated_at: now,
    })
}
