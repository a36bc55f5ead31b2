import { test } from '@japa/runner'
import Role from '#models/role'
import AuditLog from '#models/audit_log'
import { StaffUserFactory } from '#database/factories/staff_user_factory'
import { signedInStaff } from '#tests/helpers/staff_session'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent } from '#tests/helpers/http_agent'
import { STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { clearRateLimits } from '#tests/helpers/rate_limits'

function checklist(permissions: string[]) {
  const form = new URLSearchParams()
  for (const key of permissions) form.append('permissions[]', key)
  return form
}

/** Posts a role form with repeated `permissions[]` fields (HttpAgent's object form cannot repeat keys). */
async function postRole(agent: HttpAgent, pagePath: string, action: string, name: string, permissions: string[], method = 'POST') {
  const form = checklist(permissions)
  form.set('name', name)
  form.set('_csrf', await agent.csrfTokenFrom(pagePath))
  const response = await fetch(new URL(`${action}${method === 'POST' ? '' : `?_method=${method}`}`, agent.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept': 'text/html' },
    body: form.toString(),
    redirect: 'manual',
  })
  return { status: response.status, text: await response.text() }
}

async function signInAs(email: string) {
  const agent = new HttpAgent()
  const response = await agent.submit('/admin/login', '/admin/login', { email, password: STAFF_PASSWORD })
  if (response.status !== 302) throw new Error(`sign-in failed: ${response.status}`)
  return agent
}

test.group('Admin | roles', (group) => {
  group.each.setup(() => clearRateLimits())

  test('an owner creates a custom role that grants exactly what it lists; edits and deletes are audited', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const name = `Price editor ${uniqueSuffix()}`
    const created = await postRole(agent, '/admin/roles/new', '/admin/roles', name, ['catalog.read', 'catalog.write'])
    assert.equal(created.status, 303)
    const role = await Role.findByOrFail('name', name)
    assert.deepEqual(role.permissions, ['catalog.read', 'catalog.write'])
    assert.isFalse(role.isSystem)

    const member = await StaffUserFactory.merge({ roleId: role.id }).create()
    const memberAgent = await signInAs(member.email)
    assert.equal((await memberAgent.get('/admin/products')).status, 200)
    for (const path of ['/admin/orders', '/admin/discounts', '/admin/staff', '/admin/audit', '/admin/roles']) {
      assert.equal((await memberAgent.get(path)).status, 403, path)
    }

    const list = await agent.get('/admin/roles')
    assert.match(list.text, new RegExp(`id="role-${role.id}"[\\s\\S]*?See products and collections[\\s\\S]*?<td>1</td>`))

    const edited = await postRole(agent, `/admin/roles/${role.id}/edit`, `/admin/roles/${role.id}`, name, ['catalog.read', 'orders.read'], 'PUT')
    assert.equal(edited.status, 303)
    assert.equal((await memberAgent.get('/admin/orders')).status, 200, 'the new permission applies at once')
    const csrf = await memberAgent.csrfTokenFrom('/admin')
    assert.equal((await memberAgent.post('/admin/products', { _csrf: csrf })).status, 403, 'the removed one is gone')
    const audit = await AuditLog.query().where('action', 'role.updated').where('subject_id', String(role.id)).firstOrFail()
    assert.deepEqual(audit.changes, { permissions: [['catalog.read', 'catalog.write'], ['catalog.read', 'orders.read']] })

    // in use: refused with the count; free: deleted
    const inUse = await agent.submit(`/admin/roles/${role.id}/edit`, `/admin/roles/${role.id}?_method=DELETE`, {})
    assert.equal(inUse.status, 303)
    assert.exists(await Role.find(role.id))
    assert.include((await agent.get(`/admin/roles/${role.id}/edit`)).text, 'is in use by 1 staff member. Give them another role first.')
    await member.delete()
    await agent.submit(`/admin/roles/${role.id}/edit`, `/admin/roles/${role.id}?_method=DELETE`, {})
    assert.isNull(await Role.find(role.id))
    const deleted = await AuditLog.query().where('action', 'role.deleted').where('subject_id', String(role.id)).firstOrFail()
    assert.deepEqual((deleted.changes as any).permissions, [['catalog.read', 'orders.read'], null])
  })

  test('system roles cannot be deleted, the owner role keeps "*", unknown permissions are refused', async ({ assert }) => {
    const { agent } = await signedInStaff('owner')
    const owner = await Role.findByOrFail('slug', 'owner')
    const support = await Role.findByOrFail('slug', 'support')
    const csrf = await agent.csrfTokenFrom('/admin/roles')
    assert.equal((await agent.post(`/admin/roles/${support.id}?_method=DELETE`, { _csrf: csrf })).status, 403)
    assert.notInclude((await agent.get(`/admin/roles/${support.id}/edit`)).text, 'Delete role')
    assert.exists(await Role.find(support.id))

    const renamed = await postRole(agent, `/admin/roles/${owner.id}/edit`, `/admin/roles/${owner.id}`, 'Owner', ['catalog.read'], 'PUT')
    assert.equal(renamed.status, 303)
    await owner.refresh()
    assert.deepEqual(owner.permissions, ['*'])

    const bogus = await postRole(agent, '/admin/roles/new', '/admin/roles', `Bogus ${uniqueSuffix()}`, ['catalog.read', 'root.everything'])
    assert.equal(bogus.status, 422)
    const wildcard = await postRole(agent, '/admin/roles/new', '/admin/roles', `Wild ${uniqueSuffix()}`, ['*'])
    assert.equal(wildcard.status, 422)
  })

  test('only roles.manage opens the role pages: an admin is refused', async ({ assert }) => {
    const { agent } = await signedInStaff('admin')
    assert.equal((await agent.get('/admin/roles')).status, 403)
    const csrf = await agent.csrfTokenFrom('/admin')
    assert.equal((await agent.post('/admin/roles', { _csrf: csrf, name: 'Sneaky' })).status, 403)
    assert.isNull(await Role.findBy('name', 'Sneaky'))
  })
})
