/**
 * Every permission Stockroom checks, with the name and the description the
 * role pages show (staff never see the key).
 * Roles store these strings; "*" (owner) and "area.*" grant by wildcard.
 * A permission checked anywhere must be listed here, or no custom role
 * could be given it.
 */
export const PERMISSIONS = [
  { key: 'catalog.read', area: 'Catalog', label: 'View catalog', description: 'See products and collections' },
  { key: 'catalog.write', area: 'Catalog', label: 'Manage catalog', description: 'Create, edit and delete products, prices and collections' },
  { key: 'orders.read', area: 'Orders', label: 'View orders', description: 'See orders and the customers on them' },
  { key: 'orders.fulfill', area: 'Orders', label: 'Fulfil orders', description: 'Ship orders, print pick lists and mark orders delivered' },
  { key: 'orders.refund', area: 'Orders', label: 'Refund and cancel', description: 'Refund payments and cancel orders' },
  { key: 'inventory.read', area: 'Inventory', label: 'View stock', description: 'See stock levels and their history' },
  { key: 'inventory.write', area: 'Inventory', label: 'Adjust stock', description: 'Adjust and transfer stock' },
  { key: 'customers.read', area: 'Customers', label: 'View customers', description: 'See customers and their orders' },
  { key: 'customers.write', area: 'Customers', label: 'Edit customers', description: 'Change customer tags and notes' },
  { key: 'analytics.read', area: 'Analytics', label: 'View reports', description: 'See analytics reports and the dashboard figures' },
  { key: 'settings.manage', area: 'Settings', label: 'Manage store settings', description: 'Discounts, shipping, tax, emails, jobs and events' },
  { key: 'staff.manage', area: 'Staff', label: 'Manage staff', description: 'Invite staff, change their role, deactivate them, read the audit log' },
  { key: 'roles.manage', area: 'Staff', label: 'Manage roles', description: 'Create, edit and delete roles' },
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

/** The permission's name, or the key in words for one no longer listed ("reports.export" → "Reports export"). */
export function permissionLabel(key: string) {
  if (key === '*') return 'Everything'
  const known = PERMISSIONS.find((permission) => permission.key === key)
  if (known) return known.label
  const [area, verb = ''] = key.split('.')
  if (verb === '*') return `Everything in ${area}`
  const words = `${area} ${verb.replace(/_/g, ' ')}`.trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** What the permission lets someone do, for the role pages; empty for one no longer listed. */
export function permissionDescription(key: string) {
  if (key === '*') return 'Every permission, including ones added later'
  return PERMISSIONS.find((permission) => permission.key === key)?.description ?? ''
}
