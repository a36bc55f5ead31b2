import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import StaffUser from '#models/staff_user'
import AuditLog from '#models/audit_log'
import { cli } from '#tests/cli/helpers'

test.group('CLI | users', () => {
  test('create makes a staff account with the role, prints a generated password once, audit-logged', async ({ assert }) => {
    const email = `cli-user-${Date.now()}@example.com`
    const result = await cli('users', 'create', '--email', email.toUpperCase(), '--name', 'Pat Lee', '--role', 'fulfillment', '--json')
    assert.equal(result.code, 0, result.stderr)
    const { id, password, role } = result.json()
    assert.equal(role, 'fulfillment')
    assert.lengthOf(password, 24)

    const user = await StaffUser.query().where('id', id).preload('role').firstOrFail()
    assert.equal(user.email, email, 'stored lower-cased')
    assert.equal(user.role.slug, 'fulfillment')
    assert.isTrue(await hash.verify(user.password, password))
    const audit = await AuditLog.query().where('action', 'staff.created').where('subject_id', String(id)).firstOrFail()
    assert.equal(audit.actorType, 'cli')
  })

  test('bad input is a usage error (exit 2) that names the problem and writes nothing', async ({ assert }) => {
    const email = `cli-bad-${Date.now()}@example.com`
    const unknownRole = await cli('users', 'create', '--email', email, '--name', 'X', '--role', 'wizard')
    assert.equal(unknownRole.code, 2)
    assert.match(unknownRole.stderr, /No role "wizard"; roles: owner, admin/)

    const shortPassword = await cli('users', 'create', '--email', email, '--name', 'X', '--role', 'admin', '--password', 'short')
    assert.equal(shortPassword.code, 2)
    assert.match(shortPassword.stderr, /password/)
    assert.isNull(await StaffUser.findBy('email', email))

    assert.equal((await cli('users', 'create', '--email', email, '--name', 'X', '--role', 'admin')).code, 0)
    const duplicate = await cli('users', 'create', '--email', email, '--name', 'Y', '--role', 'admin')
    assert.equal(duplicate.code, 2)
    assert.match(duplicate.stderr, /already exists/)
  })

  test('list shows accounts; reset-password replaces the password', async ({ assert }) => {
    const email = `cli-reset-${Date.now()}@example.com`
    await cli('users', 'create', '--email', email, '--name', 'Sam', '--role', 'support', '--password', 'first password 123')

    const listed = await cli('users', 'list', '--json')
    assert.equal(listed.code, 0)
    assert.deepInclude(listed.json().find((row: { email: string }) => row.email === email), { role: 'support', active: true })
    assert.match((await cli('users', 'list')).stdout, new RegExp(`${email}\\s+support`))

    const reset = await cli('users', 'reset-password', email, '--password', 'second password 456')
    assert.equal(reset.code, 0, reset.stderr)
    const user = await StaffUser.findByOrFail('email', email)
    assert.isTrue(await hash.verify(user.password, 'second password 456'))
    assert.isFalse(await hash.verify(user.password, 'first password 123'))

    const missing = await cli('users', 'reset-password', 'nobody@example.com')
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /No staff member/)
  })
})

test.group('CLI | plugins', () => {
  test('list and info show the loaded plugins', async ({ assert }) => {
    const list = await cli('plugins', 'list', '--json')
    assert.equal(list.code, 0)
    const names = list.json().map((plugin: { name: string }) => plugin.name)
    assert.includeMembers(names, ['inventory', 'notifications'])

    const info = await cli('plugins', 'info', 'inventory')
    assert.equal(info.code, 0)
    assert.match(info.stdout, /name\s+inventory/)
    assert.match(info.stdout, /version\s+\d+\.\d+\.\d+/)

    const missing = await cli('plugins', 'info', 'nope')
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /No plugin "nope" is loaded/)
  })
})
