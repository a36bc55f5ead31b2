import { Command } from 'commander'
import app from '@adonisjs/core/services/app'
import StaffUser from '#models/staff_user'
import CreateStaffUser, { DuplicateStaffEmailError, UnknownRoleError } from '#actions/staff/create_staff_user'
import ResetStaffPassword, { StaffNotFoundError } from '#actions/staff/reset_staff_password'
import { staffPasswordValidator, staffUserValidator } from '#validators/staff_owner'
import { CliUsageError, validateOptions, type CliContext } from '#cli/context'

const EXAMPLES = `
Examples:
  $ stockroom users create --email pat@shop.example --name "Pat Lee" --role fulfillment
  $ stockroom users list --json
  $ stockroom users reset-password pat@shop.example

Passwords: --password, else STOCKROOM_USER_PASSWORD, else one is generated
and printed once (store it, or hand it over, right away).`

/** Refusals a person can fix: exit code 2 with the message, not a stack trace. */
async function usage<T>(work: () => Promise<T>) {
  try {
    return await work()
  } catch (error) {
    if (error instanceof DuplicateStaffEmailError || error instanceof UnknownRoleError || error instanceof StaffNotFoundError) {
      throw new CliUsageError(error.message)
    }
    throw error
  }
}

/** `stockroom users …`: staff accounts for scripts and locked-out operators. */
export default function usersCommand(cli: CliContext) {
  const command = new Command('users').description('staff accounts: create, list, reset a password').addHelpText('after', EXAMPLES)

  command
    .command('create')
    .description('create a staff account with a role')
    .requiredOption('--email <email>', 'email address to sign in with')
    .requiredOption('--name <name>', 'full name shown in the back-office')
    .requiredOption('--role <role>', 'owner, admin, catalog_manager, fulfillment, support, analyst or a custom role')
    .option('--password <password>', 'at least 12 characters; default STOCKROOM_USER_PASSWORD or generated')
    .action(async (options, self: Command) => {
      const input = await validateOptions(staffUserValidator, {
        email: options.email,
        fullName: options.name,
        role: options.role,
        password: options.password || process.env.STOCKROOM_USER_PASSWORD || undefined,
      })
      const result = await usage(async () => (await app.container.make(CreateStaffUser)).handle(input))
      const shown = result.generatedPassword ? result.password : undefined
      cli.print(
        self,
        { id: result.user.id, email: result.user.email, role: input.role, password: shown },
        () =>
          `Created ${result.user.email} (${input.role}, staff id ${result.user.id})\n` +
          (shown ? `Password: ${shown}  (shown once: store it now)\n` : '')
      )
    })

  command
    .command('list')
    .description('list staff accounts with their role and last sign-in')
    .action(async (_options, self: Command) => {
      const users = await StaffUser.query().preload('role').orderBy('id')
      const rows = users.map((user) => ({
        id: user.id,
        email: user.email,
        name: user.fullName,
        role: user.role?.slug ?? null,
        active: user.isActive,
        lastLoginAt: user.lastLoginAt?.toISO() ?? null,
      }))
      cli.print(self, rows, () => {
        const width = Math.max(5, ...rows.map((row) => row.email.length))
        return (
          [`${'email'.padEnd(width)}  ${'role'.padEnd(16)}  active  last sign-in`]
            .concat(rows.map((row) => `${row.email.padEnd(width)}  ${String(row.role).padEnd(16)}  ${row.active ? 'yes   ' : 'no    '}  ${row.lastLoginAt ?? 'never'}`))
            .join('\n') + '\n'
        )
      })
    })

  command
    .command('reset-password')
    .description('set a new password for a staff account (generated unless given)')
    .argument('<email>', 'the account')
    .option('--password <password>', 'at least 12 characters; default STOCKROOM_USER_PASSWORD or generated')
    .action(async (email: string, options, self: Command) => {
      const { password } = await validateOptions(staffPasswordValidator, {
        password: options.password || process.env.STOCKROOM_USER_PASSWORD || undefined,
      })
      const result = await usage(async () => (await app.container.make(ResetStaffPassword)).handle(email, password))
      const shown = result.generatedPassword ? result.password : undefined
      cli.print(self, { email: result.user.email, password: shown }, () =>
        `Password of ${result.user.email} reset\n` + (shown ? `Password: ${shown}  (shown once: store it now)\n` : '')
      )
    })

  return command
}
