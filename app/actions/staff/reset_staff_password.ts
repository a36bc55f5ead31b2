import db from '@adonisjs/lucid/services/db'
import StaffUser from '#models/staff_user'
import AuditLog from '#models/audit_log'
import { generatePassword, type StaffActor } from '#actions/staff/create_staff_user'

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
  async handle(email: string, password: string | undefined, actor: StaffActor = { type: 'cli' }) {
    const secret = password ?? generatePassword()
    const user = await db.transaction(async (trx) => {
      const found = await StaffUser.query({ client: trx }).where('email', email.trim().toLowerCase()).first()
      if (!found) throw new StaffNotFoundError(email)
      found.password = secret
      await found.save()
      await AuditLog.create(
        {
          actorType: actor.type,
          actorId: actor.id ?? null,
          action: 'staff.password_reset',
          subjectType: 'staff_user',
          subjectId: String(found.id),
          changes: { email: found.email },
        },
        { client: trx }
      )
      return found
    })
    return { user, password: secret, generatedPassword: !password }
  }
}
