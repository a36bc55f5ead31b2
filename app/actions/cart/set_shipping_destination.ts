import type Cart from '#models/cart'
import { touchCart } from '#services/cart_session'
import type { ShippingEstimateInput } from '#validators/cart'

/** Remembers where the cart would ship, for the shipping and tax estimate. */
export default class SetShippingDestination {
  async handle(cart: Cart, input: ShippingEstimateInput) {
    const countryChanged = cart.shippingCountry !== input.countryCode
    cart.merge({
      shippingCountry: input.countryCode,
      shippingRegion: input.region || null,
      shippingPostalCode: input.postalCode || null,
      // Methods belong to a zone: another country's zone has other methods.
      shippingMethodId: countryChanged ? null : cart.shippingMethodId,
    })
    await touchCart(cart)
  }
}
