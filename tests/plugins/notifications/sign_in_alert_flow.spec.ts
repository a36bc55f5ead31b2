import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Role from '#models/role'
import StaffUser from '#models/staff_user'
import OutboxEvent from '#models/outbox_event'
import OutboxDelivery from '#models/outbox_delivery'
import env from '#start/env'
import { HttpAgent } from '#tests/helpers/http_agent'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const PASSWORD = 'correct horse battery staple'
const SAFARI_ON_MACOS =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15'


/*
| The whole plugin path: staff signs in over HTTP -> StaffSignedIn in the
| outbox -> delivery job -> this plugin's listener -> the outbox notifier
| -> the email readable in Admin › Emails.
*/
test.group('Notifications | sign-in alert end to end', (group) => {
  group.setup(() => testUtils.httpServer().start())
  group.each.setup(async () => {
    await clearRateLimits()
    await settleOutbox() // earlier suites' events must not land in this test's counts
    await NotificationMessage.query().delete()
    await StaffUser.query().where('email', 'owner@flow.test').delete()
  })

  test('signing in stores an alert email once, visible in admin', async ({ assert }) => {
    const owner = await Role.findByOrFail('slug', 'owner')
    await StaffUser.create({
      email: 'owner@flow.test',
      fullName: 'Flow Owner',
      password: PASSWORD,
      roleId: owner.id,
      isActive: true,
    })

    const agent = new HttpAgent()
    const _csrf = await agent.csrfTokenFrom('/admin/login')
    const signIn = await agent.post(
      '/admin/login',
      { email: 'owner@flow.test', password: PASSWORD, _csrf },
      { 'user-agent': SAFARI_ON_MACOS }
    )
    assert.equal(signIn.status, 302)
    assert.equal(signIn.location, '/admin')

    const event = await OutboxEvent.query().where('name', 'StaffSignedIn').orderBy('id', 'desc').firstOrFail()
    assert.equal((event.payload as { email: string }).email, 'owner@flow.test')

    await settleOutbox()

    const delivery = await OutboxDelivery.query()
      .where('event_id', event.id)
      .where('listener', 'notifications.staff-signed-in')
      .firstOrFail()
    assert.equal(delivery.status, 'delivered')

    const message = await NotificationMessage.findByOrFail('idempotencyKey', `staff-signed-in:${event.id}`)
    assert.equal(message.toAddress, 'owner@flow.test')
    assert.equal(message.template, 'staff_signed_in')
    assert.equal(message.fromAddress, env.get('MAIL_FROM') ?? 'Stockroom <no-reply@stockroom.local>')
    assert.include(message.html, 'Safari on macOS')
    assert.include(message.html, (event.payload as { ip: string }).ip)

    // a second relay pass and drain deliver nothing new
    await settleOutbox()
    assert.lengthOf(await NotificationMessage.query().where('to_address', 'owner@flow.test'), 1)

    const list = await agent.get('/admin/emails?q=owner%40flow.test')
    assert.equal(list.status, 200)
    assert.include(list.text, 'New sign-in to your Stockroom admin')
    assert.include(list.text, `href="/admin/emails/${message.id}"`)

    const detail = await agent.get(`/admin/emails/${message.id}`)
    assert.equal(detail.status, 200)
    assert.include(detail.text, 'Safari on macOS') // in the text version and, escaped, in srcdoc
  })
})
