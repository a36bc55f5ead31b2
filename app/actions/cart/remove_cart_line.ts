import type Cart from '#models/cart'
import { updateCartLine } from '#actions/cart/update_cart_line'

/** Takes a variant out of the cart. */
export async function removeCartLine(cart: Cart, variantId: number) {
  return updateCartLine(cart, variantId, 0)
}
