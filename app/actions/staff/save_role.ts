import db from '@adonisjs/lucid/services/db'
import string from '@adonisjs/core/helpers/string'
import Role from '#models/role'
import { recordAudit, diffChanges } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { PERMISSION_KEYS } from '#policies/permissions'

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
export default class SaveRole {
  async handle(role: Role | null, input: RoleInput, actor: Actor) {
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
}

async function uniqueSlug(name: string, trx: Parameters<typeof recordAudit>[1]) {
  const base = string.snakeCase(name).replace(/[^a-z0-9_]/g, '').slice(0, 48) || 'role'
  for (let attempt = 0; ; attempt++) {
    const slug = attempt ? `${base}_${attempt + 1}` : base
    if (!(await Role.query({ client: trx }).where('slug', slug).first())) return slug
  }
}
