import db from '@adonisjs/lucid/services/db'
import string from '@adonisjs/core/helpers/string'
import Role from '#models/role'
import StaffUser from '#models/staff_user'
import StaffInvitation from '#models/staff_invitation'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { PERMISSION_KEYS } from '#policies/permissions'
import { StaffRuleError } from '#actions/staff/staff_rules'

export interface RoleInput {
  name: string
  permissions: string[]
}

/** Known permissions only, each once, in catalogue order (so diffs compare like with like). */
function normalise(permissions: string[]) {
  return PERMISSION_KEYS.filter((key) => permissions.includes(key))
}

/**
 * Creates a role (`role` null) or edits one. The owner role keeps "*":
 * its permissions are not editable, only its name. Audited with the
 * name and permissions before and after.
 */
export async function saveRole(role: Role | null, input: RoleInput, actor: Actor) {
  return db.transaction(async (trx) => {
    const permissions = role?.slug === 'owner' ? ['*'] : normalise(input.permissions)
    if (!role) {
      const slug = await uniqueSlug(input.name, trx)
      const created = await Role.create({ slug, name: input.name, permissions, isSystem: false }, { client: trx })
      await recordAudit(
        { actor, action: 'role.created', subjectType: 'role', subjectId: created.id, changes: diffChanges({}, { slug, name: input.name, permissions }) },
        trx
      )
      return created
    }
    const before = { name: role.name, permissions: role.permissions }
    role.useTransaction(trx)
    role.merge({ name: input.name, permissions })
    await role.save()
    const changes = diffChanges(before, { name: role.name, permissions: role.permissions })
    if (Object.keys(changes).length) {
      await recordAudit({ actor, action: 'role.updated', subjectType: 'role', subjectId: role.id, changes }, trx)
    }
    return role
  })
}

/**
 * Deletes a custom role nobody holds. System roles stay; a role that staff
 * members or pending invitations use is refused with the count, so the
 * owner can move them to another role first.
 */
export async function deleteRole(roleId: number, actor: Actor) {
  return db.transaction(async (trx) => {
    const role = await Role.findOrFail(roleId, { client: trx })
    if (role.isSystem) throw new StaffRuleError(`${role.name} is a system role and cannot be deleted.`)
    const holders = await StaffUser.query({ client: trx }).where('role_id', role.id).count('* as total').first()
    const invited = await StaffInvitation.query({ client: trx })
      .where('role_id', role.id)
      .whereNull('accepted_at')
      .whereNull('revoked_at')
      .count('* as total')
      .first()
    const [staffCount, inviteCount] = [Number(holders?.$extras.total ?? 0), Number(invited?.$extras.total ?? 0)]
    if (staffCount + inviteCount > 0) {
      throw new StaffRuleError(
        `${role.name} is in use by ${staffCount} staff member(s) and ${inviteCount} pending invitation(s). Give them another role first.`
      )
    }
    await role.useTransaction(trx).delete()
    await recordAudit(
      { actor, action: 'role.deleted', subjectType: 'role', subjectId: role.id, changes: diffChanges({ slug: role.slug, name: role.name, permissions: role.permissions }, {}) },
      trx
    )
    return role
  })
}

async function uniqueSlug(name: string, trx: Parameters<typeof recordAudit>[1]) {
  const base = string.snakeCase(name).replace(/[^a-z0-9_]/g, '').slice(0, 48) || 'role'
  for (let attempt = 0; ; attempt++) {
    const slug = attempt ? `${base}_${attempt + 1}` : base
    if (!(await Role.query({ client: trx }).where('slug', slug).first())) return slug
  }
}
