import { inject } from '@adonisjs/core'
import type { PricedCart, PricingInput } from '#plugin_host/extension_points/pricing'
import { PricingPipeline } from '#pricing/pipeline'

/**
 * Prices a cart (or an order being placed) on the server through every
 * registered pricing step: core's line prices and stock → discount →
 * shipping → tax, and whatever plugins placed between them. Never trusts a
 * price from the browser. With `input.trx` every read goes through that
 * transaction. See app/plugin_host/extension_points/pricing.ts for the
 * arithmetic rules.
 */
@inject()
export default class PriceCart {
  constructor(private pipeline: PricingPipeline) {}

  handle(input: PricingInput): Promise<PricedCart> {
    return this.pipeline.run(input)
  }
}
