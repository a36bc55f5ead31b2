import { test } from '@japa/runner'
import edge from 'edge.js'
import app from '@adonisjs/core/services/app'
import notifications from '#plugins/notifications/index'
import { parseMailbox } from '#plugins/notifications/validators/settings'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'
import { SendGridNotifier } from '#plugins/notifications/drivers/sendgrid_driver'
import { EMAIL_RETRY_ATTEMPTS, EMAIL_RETRY_BACKOFF_MS } from '#plugins/notifications/index'
import { DriverRegistry } from '#plugin_host/driver_registry'
import type { EventListenerDefinition } from '#plugin_host/types'

/** The plugin host, where the plugins under test registered what they add. */
const pluginHost = await app.container.make('stockroom.plugins')

/** Just what register() touches: the notifier registry and the listeners it adds. */
function fakeContext(settings: Record<string, unknown>) {
  const listeners: EventListenerDefinition<any>[] = []
  return { settings, notifications: new DriverRegistry<any>('notification'), events: { listen: (listener: any) => listeners.push(listener) }, listeners }
}

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

  test('the sendgrid driver needs an API key', async ({ assert }) => {
    const plugin = notifications({ from: 'a@shop.example', driver: 'sendgrid' })
    await assert.rejects(
      async () => plugin.register!(fakeContext({ from: 'a@shop.example', driver: 'sendgrid' }) as any),
      /sendgrid driver needs an API key: set SENDGRID_API_KEY/
    )
  })

  test('with a key, sendgrid is the default Notifier and every email listens with durable retries', async ({ assert }) => {
    const settings = { from: 'Shop <a@shop.example>', driver: 'sendgrid', sendgrid: { apiKey: 'SG.x', baseUrl: 'http://127.0.0.1:9' } }
    const ctx = fakeContext(settings)
    await notifications(settings as any).register!(ctx as any)

    assert.deepEqual(ctx.notifications.names(), ['sendgrid', 'outbox'])
    assert.equal(ctx.notifications.defaultName(), 'sendgrid')
    assert.instanceOf(await ctx.notifications.get(), SendGridNotifier)
    assert.deepEqual(
      Object.fromEntries(ctx.listeners.map((listener) => [listener.id, listener.event])),
      {
        'notifications.staff-signed-in': 'StaffSignedIn',
        'notifications.order-confirmation': 'OrderPaid',
        'notifications.payment-failed': 'PaymentFailed',
        'notifications.order-shipped': 'OrderFulfilled',
        'notifications.order-refunded': 'OrderRefunded',
        'notifications.order-cancelled': 'OrderCancelled',
        'notifications.order-email-resend': 'OrderEmailResendRequested',
        'notifications.customer-erased': 'CustomerErased',
        'notifications.low-stock': 'StockLow',
      }
    )
    for (const listener of ctx.listeners) {
      assert.equal(listener.attempts, EMAIL_RETRY_ATTEMPTS)
      assert.equal(listener.backoffMs, EMAIL_RETRY_BACKOFF_MS)
    }
  })

  test('without a driver the outbox is the only Notifier', async ({ assert }) => {
    const ctx = fakeContext({ from: 'a@shop.example', retry: { attempts: 3, backoffMs: 50 } })
    await notifications({ from: 'a@shop.example' }).register!(ctx as any)
    assert.deepEqual(ctx.notifications.names(), ['outbox'])
    assert.equal(ctx.listeners[0].attempts, 3)
    assert.equal(ctx.listeners[0].backoffMs, 50)
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
