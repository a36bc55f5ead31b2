/*
|--------------------------------------------------------------------------
| Bouncer policies
|--------------------------------------------------------------------------
|
| Pre-registered so templates can use them by name:
| `@can('RolePolicy.delete', role)`.
|
*/
export const policies = {
  RolePolicy: () => import('#policies/role_policy'),
  StaffPolicy: () => import('#policies/staff_policy'),
}
