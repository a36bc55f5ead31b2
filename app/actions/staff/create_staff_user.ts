import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'
import StaffUser from '#models/staff_user'
import { recordAudit } from '#services/audit_log'
import { cliActor, type Actor } from '#services/actor'

export class DuplicateStaffEmailError extends Error {
  code = 'E_DUPLICATE_STAFF_EMAIL'
  constructor(email: string) {
    super(`A staff member with the email ${email} already exists`)
  }
}

export class UnknownRoleError extends Error {
  code = 'E_UNKNOWN_ROLE'
  constructor(slug: string, known: string[]) {
    super(`No role "${slug}"; roles: ${known.join(', ')}`)
  }
}

export interface CreateStaffUserInput {
  email: string
  fullName: string
  /** role slug: owner, admin, catalog_manager, fulfillment, support, analyst or a custom one */
  role: string
  password?: string
}

export interface CreateStaffUserResult {
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
 * Creates a staff member with a role, generating a password when none is
 * given, and records it in the audit log. Throws DuplicateStaffEmailError
 * when the email is taken and UnknownRoleError for a missing role.
 */
export default class CreateStaffUser {
  async handle(input: CreateStaffUserInput, actor: Actor = cliActor()): Promise<CreateStaffUserResult> {
    const password = input.password ?? generatePassword()
    const user = await db.transaction(async (trx) => {
      if (await StaffUser.query({ client: trx }).where('email', input.email).first()) {
        throw new DuplicateStaffEmailError(input.email)
      }
      const role = await Role.query({ client: trx }).where('slug', input.role).first()
      if (!role) {
        const known = await Role.query({ client: trx }).orderBy('id').select('slug')
        throw new UnknownRoleError(input.role, known.map((row) => row.slug))
      }
      const created = await StaffUser.create(
        { email: input.email, fullName: input.fullName, password, roleId: role.id, isActive: true },
        { client: trx }
      )
      await recordAudit(
        { actor, action: 'staff.created', subjectType: 'staff_user', subjectId: created.id, changes: { email: created.email, role: role.slug } },
        trx
      )
      return created
    })
    return { user, password, generatedPassword: !input.password }
  }
}
