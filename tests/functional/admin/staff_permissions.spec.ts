import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { signedInStaff, type StaffRole } from '#tests/helpers/staff_session'
import { PERSONAL_ROUTE_PREFIXES, requiredPermissions } from '#policies/admin_routes'
import { SYSTEM_ROLES } from '#database/migrations/0001_create_roles_table'
import Role from '#models/role'
import type { HttpAgent } from '#tests/helpers/http_agent'
import { clearRateLimits } from '#tests/helpers/rate_limits'

interface AdminRoute {
  name: string
  method: string
  path: string
}

/** Routes a signed-in staff member can call: everything under /admin but signing in and out and invitations. */
function adminRoutes(): AdminRoute[] {
  const routes: AdminRoute[] = []
  for (const domainRoutes of Object.values(router.toJSON())) {
    for (const route of domainRoutes) {
      if (!route.pattern.startsWith('/admin') || !route.name) continue
      if (['admin.login', 'admin.login.store', 'admin.logout'].includes(route.name) || route.name.startsWith('admin.invitations')) continue
      const path = route.pattern.replace(/:[a-zA-Z]+/g, '1')
      for (const method of route.methods) if (method !== 'HEAD') routes.push({ name: route.name, method, path })
    }
  }
  return routes
}

function roleAllows(slug: StaffRole, permission: string) {
  const role = new Role()
  role.permissions = SYSTEM_ROLES.find((candidate) => candidate.slug === slug)!.permissions
  return role.allows(permission)
}

async function call(agent: HttpAgent, csrf: string, route: AdminRoute) {
  if (route.method === 'GET') return agent.get(route.path)
  return agent.request(route.method, route.path, { form: { _csrf: csrf } })
}

test.group('Admin | permission boundaries', (group) => {
  group.each.setup(() => clearRateLimits())

  test('an analyst is refused every POST, PUT, PATCH and DELETE under /admin (but their own saved views)', async ({ assert }) => {
    const { agent } = await signedInStaff('analyst')
    const csrf = await agent.csrfTokenFrom('/admin')
    const personal = (name: string) => PERSONAL_ROUTE_PREFIXES.some((prefix) => name === prefix || name.startsWith(`${prefix}.`))
    const mutations = adminRoutes().filter((route) => route.method !== 'GET' && !personal(route.name))
    assert.isAbove(mutations.length, 30, 'the walk found the admin routes')
    const allowed: string[] = []
    for (const route of mutations) {
      const response = await call(agent, csrf, route)
      if (response.status !== 403) allowed.push(`${route.method} ${route.path} (${route.name}) → ${response.status}`)
    }
    assert.deepEqual(allowed, [])
  }).timeout(120_000)

  test('each system role is refused exactly the pages its permissions do not cover', async ({ assert }) => {
    const slugs: StaffRole[] = ['admin', 'catalog_manager', 'fulfillment', 'support', 'analyst']
    const pages = adminRoutes().filter((route) => route.method === 'GET' && requiredPermissions(route.name, 'GET'))
    const wrong: string[] = []
    for (const slug of slugs) {
      const { agent } = await signedInStaff(slug)
      for (const route of pages) {
        const may = requiredPermissions(route.name, 'GET')!.some((permission) => roleAllows(slug, permission))
        const status = (await agent.get(route.path)).status
        if ((status === 403) === may) wrong.push(`${slug}: GET ${route.path} → ${status} (may: ${may})`)
      }
    }
    assert.deepEqual(wrong, [])
  }).timeout(120_000)

  test('fulfillment staff cannot refund, cancel or change products and prices; support cannot fulfil', async ({ assert }) => {
    const { agent } = await signedInStaff('fulfillment')
    const csrf = await agent.csrfTokenFrom('/admin')
    for (const [method, path] of [
      ['POST', '/admin/orders/1/refunds'],
      ['POST', '/admin/orders/1/cancel'],
      ['POST', '/admin/products'],
      ['PUT', '/admin/products/1'],
      ['POST', '/admin/products/bulk'],
      ['POST', '/admin/discounts'],
      ['PUT', '/admin/roles/1'],
      ['POST', '/admin/staff/invitations'],
    ]) {
      const response = await agent.request(method, path, { form: { _csrf: csrf, amount: '1', price: '0.01' } })
      assert.equal(response.status, 403, `${method} ${path}`)
    }
    // the permission it has still works: the fulfil route reaches the controller (404: no such order)
    const fulfil = await agent.request('POST', '/admin/orders/999999999/fulfillments', { form: { _csrf: csrf } })
    assert.notEqual(fulfil.status, 403)

    const support = await signedInStaff('support')
    const supportCsrf = await support.agent.csrfTokenFrom('/admin')
    const refused = await support.agent.request('POST', '/admin/orders/1/fulfillments', { form: { _csrf: supportCsrf } })
    assert.equal(refused.status, 403)
  })

  test('templates hide what a role cannot use', async ({ assert }) => {
    const owner = await signedInStaff('owner')
    const ownerPage = (await owner.agent.get('/admin/staff')).text
    assert.include(ownerPage, 'href="/admin/staff/invite"')
    assert.include(ownerPage, 'href="/admin/roles"')

    const admin = await signedInStaff('admin')
    const adminStaff = await admin.agent.get('/admin/staff')
    assert.equal(adminStaff.status, 200)
    // an admin cannot change an owner: no role select or deactivate button on the owner's row
    const ownerRow = new RegExp(`id="staff-${owner.staff.id}"[\\s\\S]*?</tr>`).exec(adminStaff.text)![0]
    assert.notInclude(ownerRow, 'Deactivate')
    assert.notInclude(ownerRow, 'name="roleId"')
    assert.notInclude(adminStaff.text, 'href="/admin/roles"')

    const analyst = await signedInStaff('analyst')
    assert.notInclude((await analyst.agent.get('/admin/products')).text, 'href="/admin/products/new"')
    assert.notInclude((await analyst.agent.get('/admin/collections')).text, 'href="/admin/collections/new"')
    const manager = await signedInStaff('catalog_manager')
    assert.include((await manager.agent.get('/admin/products')).text, 'href="/admin/products/new"')
    assert.include((await manager.agent.get('/admin/collections')).text, 'href="/admin/collections/new"')
    const dashboard = await analyst.agent.get('/admin')
    assert.notInclude(dashboard.text, 'href="/admin/staff"')
    assert.notInclude(dashboard.text, 'href="/admin/audit"')
  })
})
