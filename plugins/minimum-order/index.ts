import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import { definePlugin } from '#plugin_host/define_plugin'
import { storeCurrency, toMinorUnits } from '#services/money'

export interface MinimumOrderOptions {
  /** the smallest merchandise total (after discount codes) that can be ordered, in major units: 25 for $25.00 */
  amount: number
  /** the currency `amount` is in (default: the store currency); carts in another currency are not held to it */
  currency?: string
}

export interface MinimumOrderSettings {
  amount: number
  currency: string
}

const settingsValidator = operatorKeyed(
  vine.compile(
    vine.object({
      amount: vine.number().min(0.01),
      currency: vine.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
    })
  )
)

/**
 * Minimum order plugin: a cart whose merchandise total, after discount
 * codes and before shipping and tax, is below the minimum cannot be
 * ordered. The cart says how much is missing and hides the checkout
 * button; checkout sends the shopper back to the cart; placing the order
 * is refused. It is one pricing step, `minimum_order`, placed right after
 * core's `discounts`, and a message with `blocksCheckout`.
 *
 * Setup: set MINIMUM_ORDER_AMOUNT (major units of the store currency, e.g.
 * 25) and config/plugins.ts lists `minimumOrder({ amount })`; without it
 * the plugin is not loaded. See README.md in this folder.
 */
export default function minimumOrder(options: MinimumOrderOptions) {
  return definePlugin<MinimumOrderSettings>({
    name: 'minimum-order',
    version: '0.1.0',
    compatibility: '^0.1.0',
    description: 'Refuses checkout below a minimum merchandise total',
    settings: {
      values: { amount: options.amount, currency: options.currency ?? storeCurrency },
      validator: settingsValidator,
    },

    async register(ctx) {
      const { minimumOrderStep } = await import('./minimum_order_step.js')
      const { amount, currency } = ctx.settings
      ctx.pricing.step('minimum_order', minimumOrderStep({ minimum: toMinorUnits(amount, currency), currency }), {
        after: 'discounts',
      })
    },
  })
}
