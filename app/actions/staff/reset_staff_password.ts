import db from '@adonisjs/lucid/services/db'
import StaffUser from '#models/staff_user'
import { recordAudit } from '#services/audit_log'
import { cliActor, type Actor } from '#services/actor'
import { generatePassword } from '#actions/staff/create_staff_user'

export class StaffNotFoundError extends Error {
  code = 'E_STAFF_NOT_FOUND'
  constructor(email: string) {
    super(`No staff member with the email ${email}`)
  }
}

/**
 * Sets a new password for a staff member (generated when none is given),
 * for the operator who locked themselves out. Audit-logged; the password
 * itself is never stored in the log.
 */
export default class ResetStaffPassword {
  async handle(email: string, password: string | undefined, actor: Actor = cliActor()) {
    const secret = password ?? generatePassword()
    const user = await db.transaction(async (trx) => {
      const found = await StaffUser.query({ client: trx }).where('email', email.trim().toLowerCase()).first()
      if (!found) throw new StaffNotFoundError(email)
      found.password = secret
      await found.save()
      await recordAudit(
        { actor, action: 'staff.password_reset', subjectType: 'staff_user', subjectId: found.id, changes: { email: found.email } },
        trx
      )
      return found
    })
    return { user, password: secret, generatedPassword: !password }
  }
}
