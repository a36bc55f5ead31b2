import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'
import {
  describeBrowser,
  sendStaffSignedInEmail,
} from '#plugins/notifications/listeners/staff_signed_in_listener'
import type { DomainEvents } from '#events/domain_events'
import storeConfig from '#config/store'

/** The plugin host, where the plugins under test registered what they add. */
const pluginHost = await app.container.make('stockroom.plugins')

const firefoxOnLinux = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'

function signIn(overrides: Partial<DomainEvents['StaffSignedIn']> = {}): DomainEvents['StaffSignedIn'] {
  return {
    staffUserId: 1,
    email: 'grace@stockroom.test',
    ip: '203.0.113.9',
    userAgent: firefoxOnLinux,
    at: '2025-03-14T09:26:53.000Z',
    ...overrides,
  }
}

test.group('Notifications | staff signed-in email', (group) => {
  group.each.setup(async () => {
    await NotificationMessage.query().delete()
  })

  test('renders what, when (in the store time zone), IP and browser into HTML and text', async ({ assert, cleanup }) => {
    const configured = storeConfig.timezone
    storeConfig.timezone = 'America/New_York'
    cleanup(() => {
      storeConfig.timezone = configured
    })
    const { id } = await sendStaffSignedInEmail(new OutboxNotifier(), signIn(), { eventId: 11, attempt: 1 })

    const message = await NotificationMessage.findOrFail(id)
    assert.equal(message.toAddress, 'grace@stockroom.test')
    assert.equal(message.subject, 'New sign-in to your Stockroom admin')
    assert.equal(message.template, 'staff_signed_in')
    assert.equal(message.idempotencyKey, 'staff-signed-in:11')

    for (const body of [message.html, message.text!]) {
      assert.include(body, 'grace@stockroom.test')
      assert.include(body, '203.0.113.9')
      assert.include(body, 'Firefox on Linux')
      // 09:26 UTC on 14 March 2025 is 05:26 in New York, on summer time since 9 March
      assert.include(body, '14 Mar 2025, 05:26 EDT')
      assert.notInclude(body, 'UTC')
      assert.include(body, "If this wasn't you, change your password")
    }
    assert.match(message.html, /^<!DOCTYPE html>/)
    assert.notInclude(message.text!, '<')
  })

  test('escapes what the client controls in the HTML version', async ({ assert }) => {
    const { id } = await sendStaffSignedInEmail(
      new OutboxNotifier(),
      signIn({ userAgent: '<script>alert(1)</script> Chrome/120 Windows' }),
      { eventId: 12, attempt: 1 }
    )

    const message = await NotificationMessage.findOrFail(id)
    assert.notInclude(message.html, '<script>')
    assert.include(message.html, '&lt;script&gt;')
    assert.include(message.html, 'Chrome on Windows')
  })

  test('a retried delivery of the same event sends nothing new', async ({ assert }) => {
    const notifier = new OutboxNotifier()
    const first = await sendStaffSignedInEmail(notifier, signIn(), { eventId: 21, attempt: 1 })
    const retry = await sendStaffSignedInEmail(notifier, signIn(), { eventId: 21, attempt: 2 })
    const otherSignIn = await sendStaffSignedInEmail(notifier, signIn(), { eventId: 22, attempt: 1 })

    assert.equal(retry.id, first.id)
    assert.notEqual(otherSignIn.id, first.id)
    assert.lengthOf(await NotificationMessage.query().where('to_address', 'grace@stockroom.test'), 2)
  })

  test('the plugin registers the listener and the outbox as active notifier', async ({ assert }) => {
    const listener = pluginHost.listener('notifications.staff-signed-in')
    assert.exists(listener)
    assert.equal(listener!.event, 'StaffSignedIn')
    assert.equal(pluginHost.notifier().name, 'outbox')

    await listener!.handle(signIn({ email: 'alan@stockroom.test', ip: '198.51.100.4' }), {
      eventId: 31,
      attempt: 1,
    })

    const message = await NotificationMessage.findByOrFail('idempotencyKey', 'staff-signed-in:31')
    assert.equal(message.toAddress, 'alan@stockroom.test')
    assert.include(message.html, '198.51.100.4')
  })

  test('names common browsers in words', ({ assert }) => {
    const agents: Array<[string | null, string]> = [
      [firefoxOnLinux, 'Firefox on Linux'],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
        'Safari on macOS',
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0',
        'Edge on Windows',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
        'Chrome on Android',
      ],
      ['curl/8.5.0', 'curl'],
      [null, 'an unknown browser'],
    ]
    for (const [agent, expected] of agents) assert.equal(describeBrowser(agent), expected)
  })
})
