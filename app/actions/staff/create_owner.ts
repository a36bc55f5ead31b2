import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'
import StaffUser from '#models/staff_user'
import AuditLog from '#models/audit_log'
import type { StaffOwnerPayload } from '#validators/staff_owner'

export class DuplicateStaffEmailError extends Error {
  code = 'E_DUPLICATE_STAFF_EMAIL'
  constructor(email: string) {
    super(`A staff member with the email ${email} already exists`)
  }
}

export interface CreateOwnerResult {
  user: StaffUser
  /** the password in clear, to show once */
  password: string
  /** true when no password was given and one was generated */
  generatedPassword: boolean
}

/** 18 random bytes: 24 URL-safe characters, easy to paste, hard to guess. */
export function generatePassword() {
  return randomBytes(18).toString('base64url')
}

/**
 * Creates a staff member with the owner role (every permission), generating
 * a password when none is given, and records it in the audit log.
 * Throws DuplicateStaffEmailError when the email is taken.
 */
export default class CreateOwner {
  async handle(input: StaffOwnerPayload, actor: { type: string; id?: number | null } = { type: 'cli' }) {
    const password = input.password ?? generatePassword()
    const user = await db.transaction(async (trx) => {
      if (await StaffUser.query({ client: trx }).where('email', input.email).first()) {
        throw new DuplicateStaffEmailError(input.email)
      }
      const owner = await Role.query({ client: trx }).where('slug', 'owner').firstOrFail()
      const created = await StaffUser.create(
        { email: input.email, fullName: input.fullName, password, roleId: owner.id, isActive: true },
        { client: trx }
      )
      await AuditLog.create(
        {
          actorType: actor.type,
          actorId: actor.id ?? null,
          action: 'staff.created',
          subjectType: 'staff_user',
          subjectId: String(created.id),
          changes: { email: created.email, role: 'owner' },
        },
        { client: trx }
      )
      return created
    })
    return { user, password, generatedPassword: !input.password } satisfies CreateOwnerResult
  }
}
