import { Command, CommanderError } from 'commander'
import app from '@adonisjs/core/services/app'
import type { CliCommandFactory } from '#plugin_host/types'
import { CliContext, CliUsageError, processIO, type CliIO, type CommandFactory } from '#cli/context'
import { ImportFormatError } from '#actions/catalog/import_products'
import importCommand from '#cli/commands/import'
import exportCommand from '#cli/commands/export'
import imagesCommand from '#cli/commands/images'
import usersCommand from '#cli/commands/users'
import fulfillCommand from '#cli/commands/fulfill'
import pluginsCommand from '#cli/commands/plugins'
import jobsCommand from '#cli/commands/jobs'
import { addCoreReports } from '#cli/commands/report'

/** Core commands, one file each in app/cli/commands. */
const COMMANDS: CommandFactory[] = [importCommand, exportCommand, usersCommand, pluginsCommand, imagesCommand, jobsCommand, fulfillCommand]

/**
 * `addCommand` does not pass settings down the way `.command()` does: give
 * every command (and plugin command) the program's output and exit handling.
 */
function inherit(command: Command, from: Command) {
  command.copyInheritedSettings(from)
  for (const sub of command.commands) inherit(sub, command)
}

/**
 * The `stockroom` operator CLI as a commander program, core's commands and
 * the ones plugins registered. Built after the app has booted, so commands
 * may use models and actions.
 */
export function buildProgram(cli: CliContext, pluginCommands: CliCommandFactory[]): Command {
  const program = new Command('stockroom')
    .description('Stockroom operator CLI: imports and store maintenance, safe to run from cron')
    .option('--json', 'print the result as JSON on stdout (progress and errors go to stderr)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => cli.io.stdout(text), writeErr: (text) => cli.io.stderr(text) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', '\nExamples:\n  $ stockroom import products export.csv --dry-run\n  $ stockroom import products export.csv --json > result.json\n')

  const factories = [...COMMANDS.map((factory) => () => factory(cli)), ...pluginCommands]
  for (const factory of factories) {
    const command = factory()
    inherit(command, program)
    program.addCommand(command)
  }
  addCoreReports(program, cli)
  return program
}

/**
 * Runs one command line and returns the exit code: 0 success, 1 failure,
 * 2 bad usage (commander's own usage errors included). Never exits the
 * process itself, so tests call it directly.
 */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const cli = new CliContext(io)
  const program = buildProgram(cli, (await app.container.make('stockroom.plugins')).cliCommands())
  try {
    await program.parseAsync(argv, { from: 'user' })
    return cli.exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0
      // The option parser fails before --json is read: look for it in argv so scripts still get JSON.
      if (argv.includes('--json')) io.stdout(JSON.stringify({ error: error.message.replace(/^error: /, '') }) + '\n')
      return 2
    }
    const usage = error instanceof CliUsageError || error instanceof ImportFormatError
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`error: ${message}\n`)
    if (program.opts().json) io.stdout(JSON.stringify({ error: message }) + '\n')
    return usage ? 2 : 1
  }
}
