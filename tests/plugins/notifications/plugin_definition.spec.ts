import { test } from '@japa/runner'
import edge from 'edge.js'
import pluginHost from '#services/plugin_host'
import notifications from '#plugins/notifications/index'
import { parseMailbox } from '#plugins/notifications/validators/settings'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'

test.group('Notifications | plugin definition', () => {
  test('declares identity, migrations and views', ({ assert }) => {
    const plugin = notifications({ from: 'no-reply@shop.example' })
    assert.equal(plugin.name, 'notifications')
    assert.equal(plugin.version, '0.1.0')
    assert.equal(plugin.compatibility, '^0.1.0')
    assert.match(plugin.migrations!.pathname, /plugins\/notifications\/database\/migrations\/$/)
    assert.match(plugin.views!.pathname, /plugins\/notifications\/views\/$/)
  })

  test('accepts a bare or named sender and rejects anything else', async ({ assert }) => {
    const { validator } = notifications({ from: '' }).settings!
    assert.deepEqual(await validator.validate({ from: 'Shop <no-reply@shop.example>' }), {
      from: 'Shop <no-reply@shop.example>',
    })
    assert.deepEqual(await validator.validate({ from: 'no-reply@shop.example', driver: 'outbox' }), {
      from: 'no-reply@shop.example',
      driver: 'outbox',
    })
    for (const bad of [{ from: 'Shop <not an address>' }, { from: 'nobody' }, {}, { from: 'a@b.co', driver: 'smtp' }]) {
      await assert.rejects(() => validator.validate(bad))
    }
    assert.deepEqual(parseMailbox('"The Shop" <a@shop.example>'), { name: 'The Shop', address: 'a@shop.example' })
  })

  test('refuses the sendgrid driver until it ships', async ({ assert }) => {
    const plugin = notifications({ from: 'a@shop.example', driver: 'sendgrid' })
    await assert.rejects(
      async () => plugin.register!({ settings: { from: 'a@shop.example', driver: 'sendgrid' } } as any),
      /sendgrid driver is not available yet/
    )
  })

  test('adds the Emails nav entry and the recent emails widget', async ({ assert }) => {
    const entry = pluginHost.adminNav().find((nav) => nav.id === 'notifications.emails')
    assert.deepInclude(entry!, { label: 'Emails', href: '/admin/emails', section: 'system', order: 80 })
    assert.equal(entry!.permission, 'settings.manage')
    assert.includeMembers(pluginHost.plugins().map((plugin) => plugin.name), ['notifications'])

    await NotificationMessage.query().delete()
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await new OutboxNotifier().send({ to: `w${n}@example.com`, subject: `Widget ${n}`, html: '<p></p>' })
    }
    const widget = pluginHost.dashboardWidgets().find((w) => w.id === 'notifications.recent')!
    const data = await widget.data!()
    assert.lengthOf(data.messages as unknown[], 5)

    const html = await edge.render(widget.view, data)
    assert.include(html, 'Widget 6')
    assert.include(html, 'href="/admin/emails"')
  })
})
