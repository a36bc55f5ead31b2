/**
 * The permission each back-office route needs, by route name. Controllers
 * check too; this table is the second lock, so a route whose controller
 * forgets cannot be reached by a role without the permission. Longest
 * matching name prefix wins; `read` is for GET/HEAD, `write` for the rest
 * and for the `.create` forms.
 * A list means any one of them. Routes not listed (dashboard, sign-in,
 * plugin pages, which check their own) are left to their controller.
 */
export type RouteRule = { read: string | string[]; write: string | string[] }

export const ADMIN_ROUTE_PERMISSIONS: Record<string, RouteRule> = {
  'admin.products': { read: 'catalog.read', write: 'catalog.write' },
  'admin.collections': { read: 'catalog.read', write: 'catalog.write' },
  'admin.discounts': { read: 'settings.manage', write: 'settings.manage' },
  'admin.tax_rates': { read: 'settings.manage', write: 'settings.manage' },
  'admin.shipping': { read: 'settings.manage', write: 'settings.manage' },
  'admin.events': { read: 'settings.manage', write: 'settings.manage' },
  'admin.jobs': { read: 'settings.manage', write: 'settings.manage' },
  'admin.orders': { read: 'orders.read', write: ['orders.fulfill', 'orders.refund'] },
  'admin.orders.refunds': { read: 'orders.read', write: 'orders.refund' },
  'admin.orders.cancel': { read: 'orders.read', write: 'orders.refund' },
  'admin.orders.fulfillments': { read: 'orders.read', write: 'orders.fulfill' },
  'admin.orders.deliver': { read: 'orders.read', write: 'orders.fulfill' },
  'admin.orders.bulk_fulfillments': { read: 'orders.read', write: 'orders.fulfill' },
  // "I never got the email" is answered by whoever works orders
  'admin.orders.emails': { read: 'orders.read', write: ['orders.fulfill', 'orders.refund'] },
  // personal filter sets: anyone who may read orders keeps their own
  'admin.orders.views': { read: 'orders.read', write: 'orders.read' },
  'admin.customers': { read: 'customers.read', write: 'customers.write' },
  'admin.inventory': { read: 'inventory.read', write: 'inventory.write' },
  'admin.staff': { read: 'staff.manage', write: 'staff.manage' },
  'admin.audit': { read: 'staff.manage', write: 'staff.manage' },
  'admin.roles': { read: 'roles.manage', write: 'roles.manage' },
}

/** Routes that change only the signed-in staff member's own preferences: read access is enough. */
export const PERSONAL_ROUTE_PREFIXES = ['admin.orders.views']

/** The permissions (any one) a route needs for this method, or null when the table has no rule. */
export function requiredPermissions(routeName: string | undefined, method: string): string[] | null {
  if (!routeName) return null
  let rule: RouteRule | undefined
  for (let name = routeName; name.includes('.'); name = name.slice(0, name.lastIndexOf('.'))) {
    rule = ADMIN_ROUTE_PERMISSIONS[name]
    if (rule) break
  }
  if (!rule) return null
  // a "new" form is only useful to someone who may submit it
  const reading = (method === 'GET' || method === 'HEAD') && !routeName.endsWith('.create')
  const needed = reading ? rule.read : rule.write
  return Array.isArray(needed) ? needed : [needed]
}
