import Cart from '#models/cart'
import Variant from '#models/variant'
import { touchCart } from '#services/cart_session'
import { CartInputError } from '#cart/cart_errors'
import { upsertCartLine } from '#cart/cart_lines'

/**
 * Adds `quantity` of a variant to the cart: a new line, or more of the line
 * already there (one upsert, so two quick clicks cannot create two lines).
 * The current price is remembered to tell the shopper if it changes later.
 * Stock is not checked here: every pricing clamps to what can be sold.
 */
export default class AddToCart {
  async handle(cart: Cart, input: { variantId: number; quantity?: number }) {
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
}
