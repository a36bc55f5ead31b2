import type { PricedCart, PricingInput } from '#plugin_host/extension_points/pricing'
import { runPricingPipeline } from '#pricing/pipeline'

/**
 * Prices a cart (or an order being placed) on the server: line prices and
 * stock → discount → shipping → tax. Never trusts a price from the browser.
 * With `input.trx` every read goes through that transaction.
 * See app/plugin_host/extension_points/pricing.ts for the arithmetic rules.
 */
export async function priceCart(input: PricingInput): Promise<PricedCart> {
  return runPricingPipeline(input)
}

export default priceCart
