import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import hash from '@adonisjs/core/services/hash'
import testUtils from '@adonisjs/core/services/test_utils'
import StockroomCreateOwner from '../../../commands/stockroom_create_owner.js'
import StaffUser from '#models/staff_user'
import AuditLog from '#models/audit_log'

/** What the command printed; the raw-mode renderer is shared, so it is emptied after reading. */
function logsOf(command: { ui: { logger: { getLogs(): Array<{ message: string }>; flushLogs(): void } } }) {
  const logs = command.ui.logger.getLogs().map((log) => log.message).join('\n')
  command.ui.logger.flushLogs()
  return logs
}

test.group('Commands | stockroom:create-owner', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    ace.ui.logger.flushLogs()
    return () => ace.ui.switchMode('normal')
  })

  test('creates an active owner with the given password, email lower-cased', async ({ assert }) => {
    const command = await ace.create(StockroomCreateOwner, [
      '--email=Founder@Example.com',
      '--name=Ada Founder',
      '--password=a long enough secret',
    ])
    await command.exec()
    command.assertSucceeded()

    const user = await StaffUser.query().where('email', 'founder@example.com').preload('role').firstOrFail()
    assert.equal(user.fullName, 'Ada Founder')
    assert.equal(user.role.slug, 'owner')
    assert.isTrue(user.isActive)
    assert.isTrue(await hash.verify(user.password, 'a long enough secret'))
    assert.isTrue(await user.can('settings.manage'))
    assert.notInclude(logsOf(command), 'a long enough secret')

    const audit = await AuditLog.query().where('action', 'staff.created').where('subject_id', String(user.id)).firstOrFail()
    assert.equal(audit.actorType, 'cli')
  })

  test('takes the password from STOCKROOM_OWNER_PASSWORD', async ({ assert, cleanup }) => {
    process.env.STOCKROOM_OWNER_PASSWORD = 'password from the environment'
    cleanup(() => {
      delete process.env.STOCKROOM_OWNER_PASSWORD
    })

    const command = await ace.create(StockroomCreateOwner, ['--email=env@example.com', '--name=Env Owner'])
    await command.exec()
    command.assertSucceeded()
    const user = await StaffUser.findByOrFail('email', 'env@example.com')
    assert.isTrue(await hash.verify(user.password, 'password from the environment'))
    assert.notInclude(logsOf(command), 'Password:')
  })

  test('generates and prints a password when none is given', async ({ assert }) => {
    const command = await ace.create(StockroomCreateOwner, ['--email=gen@example.com', '--name=Generated'])
    await command.exec()
    command.assertSucceeded()

    const printed = /Password: (\S+)/.exec(logsOf(command))?.[1]
    assert.isString(printed)
    assert.isAtLeast(printed!.length, 20)
    const user = await StaffUser.findByOrFail('email', 'gen@example.com')
    assert.isTrue(await hash.verify(user.password, printed!))
  })

  test('fails with exit code 1 and a clear message on a duplicate email', async ({ assert }) => {
    const first = await ace.create(StockroomCreateOwner, ['--email=dup@example.com', '--name=First', '--password=first password!'])
    await first.exec()
    first.assertSucceeded()

    const second = await ace.create(StockroomCreateOwner, ['--email=DUP@example.com', '--name=Second', '--password=second password'])
    await second.exec()
    second.assertFailed()
    assert.equal(second.exitCode, 1)
    assert.include(logsOf(second), 'A staff member with the email dup@example.com already exists')
    assert.lengthOf(await StaffUser.query().where('email', 'dup@example.com'), 1)
  })

  test('rejects an invalid email or a short password', async ({ assert }) => {
    const command = await ace.create(StockroomCreateOwner, ['--email=not-an-email', '--name=Bad', '--password=short'])
    await command.exec()
    command.assertFailed()
    const logs = logsOf(command)
    assert.include(logs, 'email:')
    assert.include(logs, 'password:')
    assert.lengthOf(await StaffUser.query().where('full_name', 'Bad'), 0)
  })
})
