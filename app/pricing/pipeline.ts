import type { PricedCart, PricingInput, PricingStep } from '#plugin_host/extension_points/pricing'
import { linePricesStep } from '#pricing/line_prices_step'
import { discountStep } from '#pricing/discount_step'
import { shippingStep } from '#pricing/shipping_step'
import { taxStep } from '#pricing/tax_step'

/** Core's steps, in order. Each reads what the ones before it wrote. */
export const CORE_PRICING_STEPS: readonly PricingStep[] = [linePricesStep, discountStep, shippingStep, taxStep]

export function emptyPricedCart(currency: string): PricedCart {
  return {
    currency,
    lines: [],
    subtotal: 0,
    discountTotal: 0,
    shippingTotal: 0,
    taxTotal: 0,
    shippingTax: 0,
    total: 0,
    taxIncluded: false,
    taxRate: null,
    discount: null,
    shippingOptions: [],
    shippingMethod: null,
    requiresShipping: false,
    messages: [],
  }
}

/**
 * Runs the steps over a fresh state and settles the grand total. Plugin
 * steps (`extraSteps`) run after core's, before the total is taken.
 */
export async function runPricingPipeline(input: PricingInput, extraSteps: readonly PricingStep[] = []) {
  const state = emptyPricedCart(input.currency.toUpperCase())
  for (const step of [...CORE_PRICING_STEPS, ...extraSteps]) await step.apply(state, input)
  state.total = state.subtotal - state.discountTotal + state.shippingTotal + (state.taxIncluded ? 0 : state.taxTotal)
  return state
}
