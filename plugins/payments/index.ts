import { definePlugin } from '#plugin_host/define_plugin'
import { paymentsSettingsValidator, type PaymentsSettings } from './validators/settings.js'

export interface PaymentsOptions {
  /** the active PaymentDriver: `manual` (default, no network) or `stripe` */
  driver?: 'manual' | 'stripe'
  stripe?: {
    secretKey: string
    publishableKey: string
    webhookSecret: string
    /** another API origin, e.g. a local stand-in in tests */
    apiBase?: string
    maxNetworkRetries?: number
  }
}

/**
 * Payments plugin: registers the PaymentDrivers. Core owns the payment flow
 * (the payment page `storefront.orders.pay`, the webhook endpoint
 * `webhooks.payments` at `/webhooks/payments/<driver name>`, the payment
 * and refund records); this plugin only says how to talk to a provider,
 * and each driver's payment step is a view of this plugin
 * (`payments::drivers/<name>`) that core's page includes through
 * `driver.view`.
 *
 * - `manual`, the embedded default: a test payment step with "success" and
 *   "decline" buttons, no network. Always registered.
 * - `stripe`: PaymentIntents with automatic payment methods, the Payment
 *   Element and Express Checkout Element (cards, Apple Pay, Google Pay),
 *   signed webhooks, refunds. Registered when `stripe` settings are given.
 *
 * Setup: list it in `config/plugins.ts` after `inventory()`:
 * `payments({ driver: env.get('STRIPE_SECRET_KEY') ? 'stripe' : 'manual', stripe: {...} })`.
 * Env: `STRIPE_SECRET_KEY`, `STRIPE_PUBLISHABLE_KEY`, `STRIPE_WEBHOOK_SECRET`
 * (all three for Stripe), `STRIPE_API_BASE` (tests only). In the Stripe
 * dashboard, send `payment_intent.succeeded`, `payment_intent.payment_failed`
 * and `charge.refunded` to `https://<your shop>/webhooks/payments/stripe`.
 * See docs/payments.md.
 */
export default function payments(options: PaymentsOptions = {}) {
  return definePlugin<PaymentsSettings>({
    name: 'payments',
    version: '0.1.0',
    compatibility: '^0.1.0',
    description: 'Payment drivers: the manual test driver and Stripe',
    dependencies: ['inventory'],
    settings: {
      values: { driver: options.driver ?? 'manual', ...(options.stripe ? { stripe: options.stripe } : {}) },
      validator: paymentsSettingsValidator,
    },
    views: new URL('./views/', import.meta.url),

    register(ctx) {
      // The first driver registered is the registry's default: the chosen one goes first.
      const drivers = {
        manual: async () => {
          const { ManualPaymentDriver } = await import('./drivers/manual_driver.js')
          return new ManualPaymentDriver()
        },
        stripe: async () => {
          const { StripePaymentDriver } = await import('./drivers/stripe_driver.js')
          return new StripePaymentDriver(ctx.settings.stripe!)
        },
      }
      const names = ctx.settings.driver === 'stripe' ? (['stripe', 'manual'] as const) : (['manual'] as const)
      for (const name of names) ctx.payments.use(name, drivers[name])
      // Stripe settings with the manual driver active: Stripe stays available by name.
      if (ctx.settings.driver === 'manual' && ctx.settings.stripe) ctx.payments.use('stripe', drivers.stripe)
    },
  })
}
