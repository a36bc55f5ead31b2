/**
 * Every permission Stockroom checks, with the label the role editor shows.
 * Roles store these strings; "*" (owner) and "area.*" grant by wildcard.
 * A permission checked anywhere must be listed here, or no custom role
 * could be given it.
 */
export const PERMISSIONS = [
  { key: 'catalog.read', area: 'Catalog', label: 'See products and collections' },
  { key: 'catalog.write', area: 'Catalog', label: 'Create, edit and delete products, prices and collections' },
  { key: 'orders.read', area: 'Orders', label: 'See orders and customers on them' },
  { key: 'orders.fulfill', area: 'Orders', label: 'Fulfil orders and mark them delivered' },
  { key: 'orders.refund', area: 'Orders', label: 'Refund and cancel orders' },
  { key: 'inventory.read', area: 'Inventory', label: 'See stock levels and history' },
  { key: 'inventory.write', area: 'Inventory', label: 'Adjust and transfer stock' },
  { key: 'customers.read', area: 'Customers', label: 'See customers' },
  { key: 'customers.write', area: 'Customers', label: 'Edit customer tags and notes' },
  { key: 'analytics.read', area: 'Analytics', label: 'See reports and dashboards' },
  { key: 'settings.manage', area: 'Settings', label: 'Discounts, shipping, tax, emails, jobs and events' },
  { key: 'staff.manage', area: 'Staff', label: 'Invite staff, change their role, deactivate them, read the audit log' },
  { key: 'roles.manage', area: 'Staff', label: 'Create, edit and delete roles' },
] as const

export type Permission = (typeof PERMISSIONS)[number]['key']

export const PERMISSION_KEYS: readonly string[] = PERMISSIONS.map((permission) => permission.key)

/** The checklist grouped by area, in catalogue order, for the role form. */
export function permissionGroups() {
  const groups = new Map<string, Array<(typeof PERMISSIONS)[number]>>()
  for (const permission of PERMISSIONS) {
    if (!groups.has(permission.area)) groups.set(permission.area, [])
    groups.get(permission.area)!.push(permission)
  }
  return [...groups].map(([area, permissions]) => ({ area, permissions }))
}

/** The permission's label, or the raw key for one no longer listed (kept readable in old audit rows). */
export function permissionLabel(key: string) {
  if (key === '*') return 'Everything'
  return PERMISSIONS.find((permission) => permission.key === key)?.label ?? key
}
