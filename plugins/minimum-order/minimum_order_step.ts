import { formatMoney } from '#services/money'
import type { PricingStepFn } from '#plugin_host/extension_points/pricing'

/** The message kind this plugin adds; tests and templates may look for it. */
export const BELOW_MINIMUM = 'minimum-order.below'

/**
 * The pricing step: after discounts, before shipping, so the minimum is
 * measured on what the shopper pays for the goods (shipping and tax do not
 * count towards it). An empty or fully sold-out cart is left to core's own
 * messages.
 */
export function minimumOrderStep(rule: { minimum: number; currency: string }): PricingStepFn {
  return (state) => {
    if (state.currency !== rule.currency) return
    if (!state.lines.some((line) => line.quantity > 0)) return
    const merchandise = state.subtotal - state.discountTotal
    if (merchandise >= rule.minimum) return
    state.messages.push({
      kind: BELOW_MINIMUM,
      blocksCheckout: true,
      text:
        `Orders start at ${formatMoney(rule.minimum, rule.currency)}: ` +
        `add ${formatMoney(rule.minimum - merchandise, rule.currency)} more to check out.`,
    })
  }
}
