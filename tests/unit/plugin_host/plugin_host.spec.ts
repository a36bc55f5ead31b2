import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import router from '@adonisjs/core/services/router'
import { PluginHost, PluginLoadError } from '#plugin_host/host'
import { definePlugin, definePluginsConfig } from '#plugin_host/define_plugin'
import type { PluginDefinition } from '#plugin_host/types'

function newHost() {
  return new PluginHost(app, logger, '0.1.0')
}

function plugin(name: string, extra: Partial<PluginDefinition<any>> = {}) {
  return definePlugin({ name, version: '1.0.0', ...extra })
}

test.group('Plugin host | loading checks', () => {
  test('an unmet dependency stops loading with a message naming both plugins', async ({ assert }) => {
    const host = newHost()
    await assert.rejects(
      () => host.register([plugin('reviews', { dependencies: ['catalog-extras'] })]),
      'Plugin "reviews": depends on "catalog-extras", which is not listed in config/plugins.ts'
    )
  })

  test('a dependency listed after its dependant is refused with the fix', async ({ assert }) => {
    const host = newHost()
    const error = await host
      .register([plugin('reviews', { dependencies: ['ratings'] }), plugin('ratings')])
      .catch((e) => e)
    assert.instanceOf(error, PluginLoadError)
    assert.equal(error.plugin, 'reviews')
    assert.include(error.message, 'must be listed before it')
  })

  test('an incompatible Stockroom range is refused', async ({ assert }) => {
    const host = newHost()
    await assert.rejects(
      () => host.register([plugin('legacy', { compatibility: '^2.0.0' })]),
      'Plugin "legacy": supports Stockroom ^2.0.0, but this is Stockroom 0.1.0'
    )
  })

  test('a plugin listed twice is refused', async ({ assert }) => {
    await assert.rejects(() => newHost().register([plugin('a'), plugin('a')]), /listed twice/)
  })

  test('invalid settings name the plugin and the field', async ({ assert }) => {
    const settings = { values: { from: 'not-an-email' }, validator: vine.compile(vine.object({ from: vine.string().email() })) }
    const error = await newHost().register([plugin('mailer', { settings })]).catch((e) => e)
    assert.match(error.message, /^Plugin "mailer": invalid settings in config\/plugins.ts \(from: /)
  })

  test('nothing registers when the list is invalid', async ({ assert }) => {
    const host = newHost()
    let registered = false
    await assert.rejects(
      () => host.register([plugin('first', { register: () => { registered = true } }), plugin('second', { dependencies: ['x'] })]),
      'Plugin "second": depends on "x", which is not listed in config/plugins.ts'
    )
    assert.isFalse(registered, 'the valid plugin before the invalid one did not register either')
  })

  test('a register hook that throws is reported with the plugin name', async ({ assert }) => {
    await assert.rejects(
      () => newHost().register([plugin('broken', { register: () => { throw new Error('no API key') } })]),
      'Plugin "broken": register() failed: no API key'
    )
  })

  test('falsy entries in the plugin list are skipped', ({ assert }) => {
    const config = definePluginsConfig({ plugins: [plugin('a'), false, null, undefined, plugin('b')] })
    assert.deepEqual(config.list.map((p) => p.name), ['a', 'b'])
  })

  test('plugin names must be lowercase with dashes', ({ assert }) => {
    assert.throws(() => plugin('Bad Name'), /is invalid/)
  })
})

test.group('Plugin host | lifecycle and extension points', () => {
  test('register runs for all plugins before boot, shutdown runs in reverse', async ({ assert }) => {
    const calls: string[] = []
    const make = (name: string) =>
      plugin(name, {
        register: () => { calls.push(`register:${name}`) },
        boot: () => { calls.push(`boot:${name}`) },
        shutdown: () => { calls.push(`shutdown:${name}`) },
      })
    const host = newHost()
    await host.register([make('a'), make('b')])
    await host.boot(router, () => {})
    await host.shutdown()
    assert.deepEqual(calls, ['register:a', 'register:b', 'boot:a', 'boot:b', 'shutdown:b', 'shutdown:a'])
  })

  test('settings reach the plugin validated and transformed', async ({ assert }) => {
    let seen: unknown
    const settings = { values: { threshold: '5' }, validator: vine.compile(vine.object({ threshold: vine.number() })) }
    await newHost().register([plugin('alerts', { settings, register: (ctx) => { seen = ctx.settings } })])
    assert.deepEqual(seen, { threshold: 5 })
  })

  test('drivers, navigation and widgets registered by plugins are served by the host', async ({ assert }) => {
    const host = newHost()
    await host.register([
      plugin('mail', {
        register: (ctx) => {
          ctx.notifications.use('memory', () => ({ name: 'memory', send: async () => ({ id: '1' }) }))
        },
        boot: (ctx) => {
          ctx.admin.nav({ id: 'mail.list', label: 'Mail', href: '/admin/mail', order: 50 })
          ctx.admin.widget({ id: 'mail.recent', title: 'Recent mail', view: 'mail::recent' })
        },
      }),
    ])
    host.addNav({ id: 'core.dashboard', label: 'Dashboard', href: '/admin', order: 10 })
    await host.boot(router, () => {})
    assert.equal(host.notifier().name, 'memory')
    assert.deepEqual(host.adminNav().map((entry) => entry.id), ['core.dashboard', 'mail.list'])
    assert.deepEqual(host.dashboardWidgets().map((widget) => widget.id), ['mail.recent'])
    assert.throws(() => host.inventory(), /No inventory driver is registered/)
  })

  test('a plugin views folder is mounted under the plugin name', async ({ assert }) => {
    const mounted: string[] = []
    const host = newHost()
    await host.register([plugin('shelf', { views: new URL('./views/', import.meta.url) })])
    await host.boot(router, (name) => mounted.push(name))
    assert.deepEqual(mounted, ['shelf'])
  })

  test('two listeners with the same id are refused', async ({ assert }) => {
    const listener = { id: 'dup', event: 'ProductUpdated' as const, handle() {} }
    await assert.rejects(
      () => newHost().register([plugin('x', { register: (ctx) => { ctx.events.listen(listener); ctx.events.listen(listener) } })]),
      /registered twice/
    )
  })

  test('the application loaded the configured plugins at boot', async ({ assert }) => {
    const host = await app.container.make('stockroom.plugins')
    const names = host.plugins().map((p) => p.name)
    assert.includeMembers(names, app.config.get<any>('plugins').list.map((p: any) => p.name))
    assert.equal(host.adminNav()[0].id, 'core.dashboard')
  })
})
