import { inject } from '@adonisjs/core'
import type Cart from '#models/cart'
import PriceCart from '#actions/cart/price_cart'
import { cartPricingInput, touchCart } from '#services/cart_session'
import { CartInputError } from '#cart/cart_errors'

/** Picks one of the shipping options offered for the cart's destination. */
@inject()
export default class ChooseShippingMethod {
  constructor(private priceCart: PriceCart) {}

  async handle(cart: Cart, shippingMethodId: number) {
    const priced = await this.priceCart.handle(cartPricingInput(cart))
    if (!priced.shippingOptions.some((option) => option.id === shippingMethodId)) {
      throw new CartInputError('That shipping method is not available for this destination.', 'shippingMethodId')
    }
    cart.shippingMethodId = shippingMethodId
    await touchCart(cart)
  }
}
