import type { PluginDefinition } from '#plugin_host/types'

/**
 * Declares a Stockroom plugin. A plugin's `index.ts` default-exports a
 * factory that takes the plugin's options and returns `definePlugin({...})`.
 *
 * Keep the entry file light: it is imported while config loads, so heavy
 * modules (drivers, models, SDKs) belong in dynamic imports inside
 * `register` and `boot`.
 *
 * @example
 * export default function notifications(options: { from?: string } = {}) {
 *   return definePlugin({
 *     name: 'notifications',
 *     version: '1.0.0',
 *     compatibility: '^0.1.0',
 *     register(ctx) { ctx.notifications.use('outbox', () => new OutboxNotifier()) },
 *   })
 * }
 */
export function definePlugin<Settings = Record<string, unknown>>(
  definition: PluginDefinition<Settings>
): PluginDefinition<Settings> {
  if (!definition || typeof definition !== 'object') {
    throw new TypeError('definePlugin expects an object with at least a name and a version')
  }
  if (!definition.name || !/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new TypeError(
      `Plugin name "${definition.name}" is invalid: use lowercase letters, digits and dashes`
    )
  }
  return definition
}

/**
 * The list of plugins in `config/plugins.ts`, in load order. Falsy entries
 * are skipped so a plugin can be switched with a condition inline:
 * `env.get('STRIPE_SECRET_KEY') && stripe()`.
 */
export function definePluginsConfig(config: {
  plugins: Array<PluginDefinition<any> | false | null | undefined>
}) {
  return {
    list: config.plugins.filter((plugin): plugin is PluginDefinition<any> => Boolean(plugin)),
  }
}
