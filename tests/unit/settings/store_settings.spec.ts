import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import app from '@adonisjs/core/services/app'
import AuditLog from '#models/audit_log'
import SaveStoreSettings from '#actions/settings/save_store_settings'
import { invalidateStoreSettings, SETTINGS_DEFAULTS, storeSettings } from '#settings/store_settings'

/** Runs `work` and returns how many SQL queries it sent. */
async function countQueries(work: () => Promise<unknown>) {
  let count = 0
  const listener = () => count++
  emitter.on('db:query', listener)
  try {
    await work()
  } finally {
    emitter.off('db:query', listener)
  }
  return count
}

test.group('Settings | store settings', (group) => {
  group.each.setup(async () => {
    await db.from('store_settings').delete()
    await invalidateStoreSettings()
    return async () => {
      await db.from('store_settings').delete()
      await invalidateStoreSettings()
    }
  })

  test('a store that saved nothing reads the defaults', async ({ assert }) => {
    assert.deepEqual(await storeSettings('home'), SETTINGS_DEFAULTS.home)
  })

  test('a save is read back with defaults for missing fields, audited, and warm reads run no SQL', async ({ assert }) => {
    const save = await app.container.make(SaveStoreSettings)
    await save.handle('home', { ...SETTINGS_DEFAULTS.home, heroHeading: 'Spring is here', featuredCollectionIds: [3, 1] }, { type: 'cli' })

    const read = await storeSettings('home')
    assert.equal(read.heroHeading, 'Spring is here')
    assert.deepEqual(read.featuredCollectionIds, [3, 1])
    assert.equal(await countQueries(() => storeSettings('home')), 0)

    // a row written before a field existed still reads that field's default
    await db.from('store_settings').where('key', 'home').update({ value: JSON.stringify({ heroText: 'Old row' }) })
    await invalidateStoreSettings()
    assert.isAbove(await countQueries(() => storeSettings('home')), 0, 'a cold read queries')
    const old = await storeSettings('home')
    assert.equal(old.heroText, 'Old row')
    assert.deepEqual(old.featuredCollectionIds, [])

    const audit = await AuditLog.query().where('action', 'settings.updated').where('subject_id', 'home').orderBy('id', 'desc').firstOrFail()
    assert.deepEqual((audit.changes as any).heroHeading, [null, 'Spring is here'])
    assert.equal(audit.actorType, 'cli')
  })

  test('a save replaces what other processes had cached', async ({ assert }) => {
    const save = await app.container.make(SaveStoreSettings)
    assert.isNull((await storeSettings('home')).heroHeading)
    await save.handle('home', { ...SETTINGS_DEFAULTS.home, heroHeading: 'First' }, { type: 'cli' })
    assert.equal((await storeSettings('home')).heroHeading, 'First')
    await save.handle('home', { ...SETTINGS_DEFAULTS.home, heroHeading: 'Second' }, { type: 'cli' })
    assert.equal((await storeSettings('home')).heroHeading, 'Second')
    assert.equal(Number((await db.from('store_settings').count('* as total').first()).total), 1)
  })
})
