/*
|--------------------------------------------------------------------------
| Plugins
|--------------------------------------------------------------------------
|
| The ordered list of plugins Stockroom loads. Each entry is a plugin
| factory called with its settings; a falsy entry is skipped. See
| docs/plugins.md for the contract. STOCKROOM_PLUGINS_DISABLED (names,
| comma-separated) leaves listed plugins out without editing this file.
|
*/
import { definePluginsConfig } from '#plugin_host/define_plugin'
import env from '#start/env'
import { ConfigurationError } from '#exceptions/configuration_error'
import storeConfig from '#config/store'
import inventory from '#plugins/inventory/index'
import notifications from '#plugins/notifications/index'
import payments from '#plugins/payments/index'
import analytics from '#plugins/analytics/index'
import minimumOrder from '#plugins/minimum-order/index'

const plugins = [
  inventory(),
  // SendGrid when SENDGRID_API_KEY is set, else the outbox (docs/notifications.md).
  notifications({
    from: env.get('MAIL_FROM') ?? 'Stockroom <no-reply@stockroom.local>',
    driver: env.get('SENDGRID_API_KEY') ? 'sendgrid' : 'outbox',
    sendgrid: env.get('SENDGRID_API_KEY')
      ? {
          apiKey: env.get('SENDGRID_API_KEY'),
          baseUrl: env.get('SENDGRID_BASE_URL'),
          timeoutMs: env.get('SENDGRID_TIMEOUT_MS'),
        }
      : undefined,
  }),
  // Stripe with its three keys set, else the manual test driver (docs/payments.md).
  payments({
    driver: env.get('STRIPE_SECRET_KEY') ? 'stripe' : 'manual',
    stripe: env.get('STRIPE_SECRET_KEY')
      ? {
          secretKey: env.get('STRIPE_SECRET_KEY')!,
          publishableKey: env.get('STRIPE_PUBLISHABLE_KEY') ?? '',
          webhookSecret: env.get('STRIPE_WEBHOOK_SECRET') ?? '',
          apiBase: env.get('STRIPE_API_BASE'),
        }
      : undefined,
  }),
  // Daily sales rollups and the dashboard, on calendar days in the store timezone (docs/analytics.md).
  analytics({ timezone: storeConfig.timezone, currency: storeConfig.currency }),
  // A pricing step refusing checkout below MINIMUM_ORDER_AMOUNT (plugins/minimum-order/README.md).
  env.get('MINIMUM_ORDER_AMOUNT') ? minimumOrder({ amount: env.get('MINIMUM_ORDER_AMOUNT')! }) : null,
]

/**
 * The plugin names in STOCKROOM_PLUGINS_DISABLED. A name that is not in the
 * list above stops boot: a typo would otherwise leave the plugin on.
 */
function disabledPlugins() {
  const names = (env.get('STOCKROOM_PLUGINS_DISABLED') ?? '').split(',').map((name) => name.trim()).filter(Boolean)
  const listed = plugins.flatMap((plugin) => (plugin ? [plugin.name] : []))
  const unknown = names.filter((name) => !listed.includes(name))
  if (unknown.length) {
    throw new ConfigurationError(`STOCKROOM_PLUGINS_DISABLED names plugins that are not listed: ${unknown.join(', ')} (listed: ${listed.join(', ')})`)
  }
  // A plugin that stays on cannot lose one it depends on: say so in the variable's terms.
  for (const plugin of plugins) {
    if (!plugin || names.includes(plugin.name)) continue
    const needed = (plugin.dependencies ?? []).filter((name) => names.includes(name))
    if (needed.length) {
      throw new ConfigurationError(
        `STOCKROOM_PLUGINS_DISABLED leaves out ${needed.join(', ')}, which "${plugin.name}" depends on: leave "${plugin.name}" out too, or keep ${needed.join(', ')}`
      )
    }
  }
  return new Set(names)
}

const disabled = disabledPlugins()

export default definePluginsConfig({
  plugins: plugins.filter((plugin) => !plugin || !disabled.has(plugin.name)),
})
