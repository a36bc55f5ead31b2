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

export default definePluginsConfig({
  plugins: [],
})
