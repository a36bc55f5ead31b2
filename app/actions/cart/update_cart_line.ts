import Cart from '#models/cart'
import { touchCart } from '#services/cart_session'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { CartInputError } from '#cart/cart_errors'

/**
 * Sets a line's quantity; 0 removes it. The remembered price is left alone:
 * a price change since the item was added is still reported.
 */
export default class UpdateCartLine {
  async handle(cart: Cart, variantId: number, quantity: number) {
    const query = Cart.query().client.from('cart_lines').where({ cart_id: cart.id, variant_id: variantId })
    const changed = quantity === 0 ? await query.delete() : await query.update({ quantity, updated_at: dbTimestamp() })
    if (!affectedRows(changed)) {
      throw new CartInputError('That item is no longer in your cart.')
    }
    await touchCart(cart)
  }
}
