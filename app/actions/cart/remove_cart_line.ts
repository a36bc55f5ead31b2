import { inject } from '@adonisjs/core'
import type Cart from '#models/cart'
import UpdateCartLine from '#actions/cart/update_cart_line'

/** Takes a variant out of the cart (a line at quantity 0 is no line). */
@inject()
export default class RemoveCartLine {
  constructor(private updateCartLine: UpdateCartLine) {}

  handle(cart: Cart, variantId: number) {
    return this.updateCartLine.handle(cart, variantId, 0)
  }
}
