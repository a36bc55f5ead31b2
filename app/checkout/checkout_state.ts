import type { HttpContext } from '@adonisjs/core/http'
import type Cart from '#models/cart'
import type { OrderAddress } from '#models/order'
import type { PricingInput } from '#plugin_host/extension_points/pricing'

const KEY = 'checkout'

/**
 * What the shopper entered on the checkout steps so far. Kept in the
 * session, not on the cart: it is personal (a full address) and only lives
 * until the order is placed.
 */
export interface CheckoutState {
  email: string
  address: OrderAddress
  shippingMethodId: number | null
}

export function readCheckoutState(session: HttpContext['session']): CheckoutState | null {
  const state = session.get(KEY)
  return state && typeof state === 'object' && state.address ? (state as CheckoutState) : null
}

export function saveCheckoutState(session: HttpContext['session'], state: CheckoutState) {
  session.put(KEY, state)
}

export function clearCheckoutState(session: HttpContext['session']) {
  session.forget(KEY)
}

/** Pricing input for a cart at checkout: the cart's lines and code, the entered destination and method. */
export function checkoutPricingInput(
  cart: Cart,
  state: CheckoutState | null,
  customerId: number | null,
  shippingMethodId = state?.shippingMethodId ?? null
): PricingInput {
  return {
    currency: cart.currency,
    lines: cart.lines.map((line) => ({
      variantId: line.variantId,
      quantity: line.quantity,
      unitPriceAtAdd: line.unitPriceAtAdd,
    })),
    discountCode: cart.discountCode ?? null,
    customerId,
    email: state?.email ?? cart.email ?? null,
    shippingAddress: state
      ? { countryCode: state.address.countryCode, region: state.address.region ?? null, postalCode: state.address.postalCode ?? null }
      : cart.shippingCountry
        ? { countryCode: cart.shippingCountry, region: cart.shippingRegion, postalCode: cart.shippingPostalCode }
        : null,
    shippingMethodId,
  }
}
