import type { HttpContext } from '@adonisjs/core/http'
import type { AreaPolicy, PermissionRule } from '#policies/area_policy'
import { PERMISSIONS } from '#policies/permissions'

/**
 * Whether the signed-in staff member may change what an admin page shows,
 * for the page's forms (`@admin.editForm({ access, … })`). Staff who may
 * read an area but not write it get the same page read-only, with a note
 * naming what to ask an owner for, instead of a form that answers 403.
 */
export interface EditAccess {
  canEdit: boolean
  /** the permission to ask for, as the role editor lists it: `Catalog permission “Create, edit …”` */
  askFor: string
}

/** Everyone who reaches a "new …" form may submit it (the route table asks for write). */
export const FULL_ACCESS: EditAccess = { canEdit: true, askFor: '' }

type PolicyClass = (new () => AreaPolicy) & { rules: Record<string, PermissionRule> }

/** The page's EditAccess, decided by `policy`'s `action` rule: the same check its save route makes. */
export async function editAccess<P extends PolicyClass>(
  bouncer: HttpContext['bouncer'],
  policy: P,
  action: keyof P['rules'] & string
): Promise<EditAccess> {
  const canEdit = await bouncer.with(policy as never).allows(action as never)
  return { canEdit, askFor: canEdit ? '' : permissionWording(policy.rules[action]) }
}

function permissionWording(rule: PermissionRule) {
  const names = rule.anyOf.map((key) => {
    const permission = PERMISSIONS.find((candidate) => candidate.key === key)!
    return `${permission.area} permission “${permission.label}”`
  })
  return names.join(' or the ')
}
