/*
|--------------------------------------------------------------------------
| Bouncer policies
|--------------------------------------------------------------------------
|
| One policy per back-office area. Registered by name so templates can ask
| `@can('CatalogPolicy.write')` or `@can('RolePolicy.delete', role)`;
| controllers, plugins and the route table (#policies/admin_routes) import
| the classes and call `bouncer.with(CatalogPolicy).authorize('write')`.
|
*/
export const policies = {
  AnalyticsPolicy: () => import('#policies/analytics_policy'),
  CatalogPolicy: () => import('#policies/catalog_policy'),
  CustomersPolicy: () => import('#policies/customers_policy'),
  InventoryPolicy: () => import('#policies/inventory_policy'),
  OrdersPolicy: () => import('#policies/orders_policy'),
  RolePolicy: () => import('#policies/role_policy'),
  SettingsPolicy: () => import('#policies/settings_policy'),
  StaffPolicy: () => import('#policies/staff_policy'),
}
