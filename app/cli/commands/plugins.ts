import { Command } from 'commander'
import app from '@adonisjs/core/services/app'
import { CliUsageError, type CliContext } from '#cli/context'

/** `stockroom plugins list|info`: what config/plugins.ts loaded. */
export default function pluginsCommand(cli: CliContext) {
  const command = new Command('plugins').description('the plugins this store loads (config/plugins.ts)')

  command
    .command('list')
    .description('list loaded plugins in load order')
    .action(async (_options, self: Command) => {
      const plugins = (await app.container.make('stockroom.plugins')).plugins()
      cli.print(self, plugins, () =>
        plugins.map((plugin) => `${plugin.name.padEnd(16)} ${plugin.version.padEnd(8)} ${plugin.description}`).join('\n') + '\n'
      )
    })

  command
    .command('info')
    .description('show one plugin: version, description, and the drivers it makes active')
    .argument('<name>', 'plugin name, e.g. inventory')
    .action(async (name: string, _options, self: Command) => {
      const plugins = (await app.container.make('stockroom.plugins')).plugins()
      const plugin = plugins.find((candidate) => candidate.name === name)
      if (!plugin) {
        throw new CliUsageError(`No plugin "${name}" is loaded; loaded: ${plugins.map((p) => p.name).join(', ')}`)
      }
      cli.print(self, plugin, () =>
        Object.entries(plugin).map(([key, value]) => `${key.padEnd(12)} ${Array.isArray(value) ? value.join(', ') || '-' : value}`).join('\n') + '\n'
      )
    })

  return command
}
