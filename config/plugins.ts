/*
|--------------------------------------------------------------------------
| Plugins
|--------------------------------------------------------------------------
|
| The ordered list of plugins Stockroom loads. Each entry is a plugin
| factory called with its settings; a falsy entry is skipped. See
| docs/plugins.md for the contract.
|
*/
import { definePluginsConfig } from '#plugin_host/define_plugin'
import env from '#start/env'
import inventory from '#plugins/inventory/index'
import notifications from '#plugins/notifications/index'

export default definePluginsConfig({
  plugins: [
    inventory(),
    notifications({ from: env.get('MAIL_FROM') ?? 'Stockroom <no-reply@stockroom.local>' }),
  ],
})
