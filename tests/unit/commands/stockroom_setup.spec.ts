import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import testUtils from '@adonisjs/core/services/test_utils'
import runtime from '#config/runtime'
import StockroomSetup, { DEMO_OWNER_EMAIL, DEMO_OWNER_MARKER } from '../../../commands/stockroom_setup.js'
import StaffUser from '#models/staff_user'

/** What the command printed; the raw-mode renderer is shared, so it is emptied after reading. */
function logsOf(command: { ui: { logger: { getLogs(): Array<{ message: string }>; flushLogs(): void } } }) {
  const logs = command.ui.logger.getLogs().map((log) => log.message).join('\n')
  command.ui.logger.flushLogs()
  return logs
}

async function runSetup(...args: string[]) {
  const command = await ace.create(StockroomSetup, args)
  await command.exec()
  return command
}

test.group('Commands | stockroom:setup', (group) => {
  const marker = join(runtime.dataDir, DEMO_OWNER_MARKER)

  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    ace.ui.switchMode('raw')
    ace.ui.logger.flushLogs()
    rmSync(marker, { force: true })
    // An empty store, whatever earlier test files committed (rolled back afterwards).
    await db.from('products').delete()
    await db.from('collections').delete()
    await db.from('staff_users').delete()
    return () => {
      ace.ui.switchMode('normal')
      rmSync(marker, { force: true })
      rmSync(join(runtime.uploadsDir, 'products'), { recursive: true, force: true })
    }
  })

  test('on an empty store seeds the demo catalog and prints the owner login once', async ({ assert }) => {
    const first = await runSetup()
    first.assertSucceeded()
    const logs = logsOf(first)
    const password = /Password:\s+(\S+)/.exec(logs)?.[1]
    assert.isString(password)
    assert.include(logs, DEMO_OWNER_EMAIL)
    assert.isTrue(existsSync(marker))

    const owner = await StaffUser.query().where('email', DEMO_OWNER_EMAIL).preload('role').firstOrFail()
    assert.equal(owner.role.slug, 'owner')
    assert.isTrue(await hash.verify(owner.password, password!))
    const active = await db.from('products').where('status', 'active').count('* as total').first()
    assert.isAtLeast(Number(active.total), 200)

    const second = await runSetup()
    second.assertSucceeded()
    const again = logsOf(second)
    assert.notInclude(again, 'Password:')
    assert.include(again, '/admin')
    assert.lengthOf(await StaffUser.query().where('email', DEMO_OWNER_EMAIL), 1)
  }).timeout(90_000)

  test('leaves a store with staff alone and seeds nothing', async ({ assert }) => {
    await StaffUser.create({ email: 'someone@example.com', fullName: 'Someone', password: 'x'.repeat(16) })
    const command = await runSetup()
    command.assertSucceeded()
    assert.notInclude(logsOf(command), 'Password:')
    assert.isFalse(existsSync(marker))
    const products = await db.from('products').count('* as total').first()
    assert.equal(Number(products.total), 0)
  })

  test('--skip-demo keeps an empty store empty and says how to create an owner', async ({ assert }) => {
    const command = await runSetup('--skip-demo')
    command.assertSucceeded()
    assert.include(logsOf(command), 'stockroom:create-owner')
    assert.equal(Number((await db.from('products').count('* as total').first()).total), 0)
    assert.isFalse(existsSync(marker))
    // what this start-up costs is measured by npm run bench:tasks, not timed here
  })
})
