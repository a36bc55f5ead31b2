import { inject } from '@adonisjs/core'
import type Cart from '#models/cart'
import PriceCart from '#actions/cart/price_cart'
import { cartPricingInput, touchCart } from '#services/cart_session'
import { normalizeDiscountCode } from '#pricing/discount_rules'
import { CartInputError } from '#cart/cart_errors'

/**
 * Puts a discount code on the cart when it applies now (pricing decides,
 * with the same rules checkout uses); otherwise leaves the cart alone and
 * raises CartInputError with the reason. `null` removes the code.
 */
@inject()
export default class ApplyDiscountCode {
  constructor(private priceCart: PriceCart) {}

  async handle(cart: Cart, code: string | null) {
    if (code === null) {
      cart.discountCode = null
      await touchCart(cart)
      return null
    }
    const normalized = normalizeDiscountCode(code)
    const priced = await this.priceCart.handle({ ...cartPricingInput(cart), discountCode: normalized })
    const refusal = priced.messages.find((message) => message.kind.startsWith('discount_'))
    if (refusal || !priced.discount) throw new CartInputError(refusal?.text ?? `The code ${normalized} is not valid.`, 'code')
    cart.discountCode = priced.discount.code
    await touchCart(cart)
    return priced.discount
  }
}
