import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { errors as vineErrors } from '@vinejs/vine'
import { staffOwnerValidator } from '#validators/staff_owner'

/**
 * Creates an owner staff account without prompts, for scripts and first
 * installs: `node ace stockroom:create-owner --email a@b.c --name "Ada"`.
 * The password comes from --password or STOCKROOM_OWNER_PASSWORD; when
 * neither is set one is generated and printed once.
 */
export default class StockroomCreateOwner extends BaseCommand {
  static commandName = 'stockroom:create-owner'
  static description = 'Create a staff account with the owner role (non-interactive)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Email address to sign in with', required: true })
  declare email: string

  @flags.string({ description: 'Full name shown in the back-office', required: true })
  declare name: string

  @flags.string({ description: 'Password (at least 12 characters); default STOCKROOM_OWNER_PASSWORD or generated' })
  declare password?: string

  async run() {
    const { default: CreateOwner, DuplicateStaffEmailError } = await import('#actions/staff/create_owner')
    try {
      const input = await staffOwnerValidator.validate({
        email: this.email,
        fullName: this.name,
        password: this.password || process.env.STOCKROOM_OWNER_PASSWORD || undefined,
      })
      const result = await (await this.app.container.make(CreateOwner)).handle(input)
      this.logger.success(`Owner ${result.user.email} created (staff id ${result.user.id})`)
      if (result.generatedPassword) {
        this.logger.info(`Password: ${result.password}  (shown once: store it now)`)
      }
    } catch (error) {
      this.exitCode = 1
      if (error instanceof DuplicateStaffEmailError) {
        this.logger.error(error.message)
      } else if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        for (const message of error.messages) this.logger.error(`${message.field}: ${message.message}`)
      } else {
        throw error
      }
    }
  }
}
