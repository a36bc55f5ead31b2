import ShippingZone from '#models/shipping_zone'
import type { PricingStep, ShippingOption } from '#plugin_host/extension_points/pricing'
import { pricingClient } from '#pricing/client'
import { shippingPrice, zoneFor } from '#pricing/shipping_rates'

/**
 * Step 3: shipping options for the destination's zone, priced for the
 * parcel's weight and the discounted subtotal; the chosen method, or the
 * cheapest when none (or an unavailable one) was chosen. A free-shipping
 * code makes every option free.
 */
export const shippingStep: PricingStep = {
  name: 'shipping',
  async apply(state, input) {
    const shipped = state.lines.filter((line) => line.requiresShipping && line.quantity > 0)
    state.requiresShipping = shipped.length > 0
    const country = input.shippingAddress?.countryCode
    if (!state.requiresShipping || !country) return

    const zones = await ShippingZone.query({ client: pricingClient(input) }).preload('methods')
    const zone = zoneFor(zones, country)
    const parcel = {
      weightGrams: shipped.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0),
      merchandise: state.subtotal - state.discountTotal,
    }
    const freeShipping = state.discount?.kind === 'free_shipping'
    const priced: Array<ShippingOption & { position: number; fullAmount: number }> = []
    for (const method of zone?.methods ?? []) {
      if (!method.active) continue
      const amount = shippingPrice(method, parcel)
      if (amount === null) continue
      priced.push({
        id: method.id,
        name: method.name,
        description: method.description,
        amount: freeShipping ? 0 : amount,
        fullAmount: amount,
        position: method.position,
      })
    }
    if (!priced.length) {
      state.messages.push({ kind: 'shipping_unavailable', text: `Sorry, we do not ship this order to ${country.toUpperCase()} yet.` })
      return
    }
    priced.sort((a, b) => a.fullAmount - b.fullAmount || a.position - b.position || a.id - b.id)
    const chosen = priced.find((option) => option.id === input.shippingMethodId) ?? priced[0]
    state.shippingOptions = priced.map(({ id, name, description, amount }) => ({ id, name, description, amount }))
    state.shippingMethod = state.shippingOptions.find((option) => option.id === chosen.id)!
    state.shippingTotal = state.shippingMethod.amount
    if (freeShipping && state.discount) state.discount.amount = chosen.fullAmount
  },
}
