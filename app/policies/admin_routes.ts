import type { Permission } from '#policies/permissions'
import type { AreaPolicy, PermissionRule } from '#policies/area_policy'
import CatalogPolicy from '#policies/catalog_policy'
import CustomersPolicy from '#policies/customers_policy'
import OrdersPolicy from '#policies/orders_policy'
import RolePolicy from '#policies/role_policy'
import SettingsPolicy from '#policies/settings_policy'
import StaffPolicy from '#policies/staff_policy'

type PolicyClass = (new () => AreaPolicy) & { rules: Record<string, PermissionRule> }

/** The policy actions a route family needs: `read` for GET/HEAD, `write` for the rest and the `.create` forms. */
export interface RouteRule {
  policy: PolicyClass
  read: string
  write: string
}

export function area<P extends PolicyClass>(policy: P, read: keyof P['rules'] & string, write: keyof P['rules'] & string): RouteRule {
  return { policy, read, write }
}

/**
 * The policy action each back-office route needs, by route name. Controllers
 * authorize too; this table is the second lock, so a route whose controller
 * forgets cannot be reached by a role the policy refuses. Longest matching
 * name prefix wins. Routes not listed (dashboard, sign-in) are left to their
 * controller. Plugins add their own families with protectAdminRoutes().
 */
export const ADMIN_ROUTE_RULES: Record<string, RouteRule> = {
  'admin.products': area(CatalogPolicy, 'read', 'write'),
  'admin.collections': area(CatalogPolicy, 'read', 'write'),
  'admin.discounts': area(SettingsPolicy, 'manage', 'manage'),
  'admin.tax_rates': area(SettingsPolicy, 'manage', 'manage'),
  'admin.shipping': area(SettingsPolicy, 'manage', 'manage'),
  'admin.settings': area(SettingsPolicy, 'manage', 'manage'),
  'admin.events': area(SettingsPolicy, 'manage', 'manage'),
  'admin.jobs': area(SettingsPolicy, 'manage', 'manage'),
  'admin.orders': area(OrdersPolicy, 'read', 'work'),
  'admin.orders.refunds': area(OrdersPolicy, 'read', 'refund'),
  'admin.orders.cancel': area(OrdersPolicy, 'read', 'refund'),
  'admin.orders.fulfillments': area(OrdersPolicy, 'read', 'fulfill'),
  'admin.orders.deliver': area(OrdersPolicy, 'read', 'fulfill'),
  'admin.orders.pack': area(OrdersPolicy, 'read', 'fulfill'),
  'admin.orders.bulk_fulfillments': area(OrdersPolicy, 'read', 'fulfill'),
  // personal filter sets: anyone who may read orders keeps their own
  'admin.orders.views': area(OrdersPolicy, 'read', 'read'),
  'admin.customers': area(CustomersPolicy, 'read', 'write'),
  'admin.staff': area(StaffPolicy, 'manage', 'manage'),
  'admin.audit': area(StaffPolicy, 'manage', 'manage'),
  'admin.roles': area(RolePolicy, 'manage', 'manage'),
}

/**
 * Gives a plugin's route family (e.g. `admin.inventory`) the same second lock
 * as core's, from the plugin's boot: core's table never names a plugin's
 * routes. Registering the same rule again is harmless; another rule for a
 * family that already has one stops boot.
 */
export function protectAdminRoutes(prefix: string, rule: RouteRule) {
  const current = ADMIN_ROUTE_RULES[prefix]
  if (current && (current.policy !== rule.policy || current.read !== rule.read || current.write !== rule.write)) {
    throw new Error(`admin routes "${prefix}" already have an authorization rule`)
  }
  ADMIN_ROUTE_RULES[prefix] = rule
}

/** Routes that change only the signed-in staff member's own preferences: read access is enough. */
export const PERSONAL_ROUTE_PREFIXES = ['admin.orders.views', 'admin.color_scheme']

/** The policy and action a route needs for this method, or null when the table has no rule. */
export function routeAuthorization(routeName: string | undefined, method: string) {
  if (!routeName) return null
  let rule: RouteRule | undefined
  for (let name = routeName; name.includes('.'); name = name.slice(0, name.lastIndexOf('.'))) {
    rule = ADMIN_ROUTE_RULES[name]
    if (rule) break
  }
  if (!rule) return null
  // a "new" form is only useful to someone who may submit it
  const reading = (method === 'GET' || method === 'HEAD') && !routeName.endsWith('.create')
  return { policy: rule.policy, action: reading ? rule.read : rule.write }
}

/** The permissions (any one) a route needs for this method, or null when the table has no rule. */
export function requiredPermissions(routeName: string | undefined, method: string): Permission[] | null {
  const needed = routeAuthorization(routeName, method)
  return needed ? [...needed.policy.rules[needed.action].anyOf] : null
}
