import { inject } from '@adonisjs/core'
import Cart from '#models/cart'
import type { PricedCart } from '#plugin_host/extension_points/pricing'
import PriceCart from '#actions/cart/price_cart'
import { cartPricingInput } from '#services/cart_session'
import { dbTimestamp } from '#services/db_time'

/**
 * Prices the cart for the cart page and makes the stored cart agree with
 * what the shopper is about to be told: quantities reduced to stock are
 * saved, new prices are remembered (the "price changed" message shows
 * once) and a code that is no longer valid is dropped. Sold-out and
 * withdrawn lines stay, with their message, until removed.
 */
@inject()
export default class ReconcileCart {
  constructor(private priceCart: PriceCart) {}

  async handle(cart: Cart): Promise<PricedCart> {
    const priced = await this.priceCart.handle(cartPricingInput(cart))
    const client = Cart.query().client
    const now = dbTimestamp(client)
    let changed = false
    for (const line of priced.lines) {
      const stored = cart.lines.find((candidate) => candidate.variantId === line.variantId)
      if (!stored) continue
      const quantity = line.quantity > 0 && line.quantity < stored.quantity ? line.quantity : stored.quantity
      const price = line.priceChanged ? line.unitPrice : stored.unitPriceAtAdd
      if (quantity === stored.quantity && price === stored.unitPriceAtAdd) continue
      await client.from('cart_lines').where('id', stored.id).update({ quantity, unit_price_at_add: price, updated_at: now })
      changed = true
    }
    if (cart.discountCode && priced.messages.some((message) => message.kind === 'discount_invalid')) {
      cart.discountCode = null
      await cart.save()
    }
    if (changed) await cart.load('lines')
    return priced
  }
}
