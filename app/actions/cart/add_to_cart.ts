import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Cart from '#models/cart'
import Variant from '#models/variant'
import { dbTimestamp } from '#services/db_time'
import { touchCart } from '#services/cart_session'
import { CartInputError } from '#actions/cart/cart_errors'
import { MAX_LINE_QUANTITY } from '#validators/cart'

/**
 * Adds `quantity` of a variant to the cart: a new line, or more of the line
 * already there (one upsert, so two quick clicks cannot create two lines).
 * The current price is remembered to tell the shopper if it changes later.
 * Stock is not checked here: every pricing clamps to what can be sold.
 */
export async function addToCart(cart: Cart, input: { variantId: number; quantity?: number }) {
  const quantity = input.quantity ?? 1
  const variant = await Variant.query().where('id', input.variantId).preload('product').first()
  if (!variant || variant.product.status !== 'active') {
    throw new CartInputError('That product is not available.', 'variantId')
  }
  if (!cart.lines?.length && cart.currency !== variant.currency) {
    cart.currency = variant.currency
  } else if (cart.currency !== variant.currency) {
    throw new CartInputError(`That product is sold in ${variant.currency}; your cart is in ${cart.currency}.`, 'variantId')
  }

  await upsertCartLine(Cart.query().client, { cartId: cart.id, variantId: variant.id, quantity, unitPrice: variant.price })
  await touchCart(cart)
  return variant
}

/**
 * Adds `quantity` to the cart's line for a variant, creating it if needed,
 * in one statement (capped at MAX_LINE_QUANTITY), and remembers `unitPrice`
 * as the price seen. Also used when a guest cart is merged.
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
