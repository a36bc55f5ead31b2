import app from '@adonisjs/core/services/app'
import type { PluginHost } from '#plugin_host/host'

let pluginHost: PluginHost

/** The plugin host, once the app has booted (see providers/stockroom_provider.ts). */
await app.booted(async () => {
  pluginHost = await app.container.make('stockroom.plugins')
})

export { pluginHost as default }
