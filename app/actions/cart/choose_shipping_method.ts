import type Cart from '#models/cart'
import { priceCart } from '#actions/cart/price_cart'
import { cartPricingInput, touchCart } from '#services/cart_session'
import { CartInputError } from '#actions/cart/cart_errors'

/** Picks one of the shipping options offered for the cart's destination. */
export async function chooseShippingMethod(cart: Cart, shippingMethodId: number) {
  const priced = await priceCart(cartPricingInput(cart))
  if (!priced.shippingOptions.some((option) => option.id === shippingMethodId)) {
    throw new CartInputError('That shipping method is not available for this destination.', 'shippingMethodId')
  }
  cart.shippingMethodId = shippingMethodId
  await touchCart(cart)
}
