import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Role from '#models/role'
import StaffUser from '#models/staff_user'
import { DateTime } from 'luxon'
import { dbTimestamp } from '#services/db_time'
import { HttpAgent } from '#tests/helpers/http_agent'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const PASSWORD = 'correct horse battery staple'

async function staffWithRole(email: string, roleSlug: string) {
  const role = await Role.findByOrFail('slug', roleSlug)
  return StaffUser.create({ email, fullName: 'Test Staff', password: PASSWORD, roleId: role.id, isActive: true })
}

function minuteAgo() {
  return dbTimestamp(undefined, DateTime.now().minus({ minutes: 1 }))
}

async function signedInAgent(email: string) {
  const agent = new HttpAgent()
  const response = await agent.submit('/admin/login', '/admin/login', { email, password: PASSWORD })
  if (response.status !== 302 || response.location !== '/admin') {
    throw new Error(`Sign-in as ${email} failed: ${response.status} ${response.location}`)
  }
  return agent
}

/*
| These run in the unit suite (tests/plugins/**), so they start the HTTP
| server themselves.
*/
test.group('Notifications | admin emails', (group) => {
  group.setup(() => testUtils.httpServer().start())
  group.each.setup(async () => {
    await clearRateLimits()
    await NotificationMessage.query().delete()
    await StaffUser.query().whereLike('email', '%@emails.test').delete()
  })

  test('list and detail redirect guests to the sign-in page', async ({ assert }) => {
    const { id } = await new OutboxNotifier().send({ to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>' })
    const guest = new HttpAgent()

    const list = await guest.get('/admin/emails')
    assert.equal(list.status, 302)
    assert.equal(list.location, `/admin/login?next=${encodeURIComponent('/admin/emails')}`)

    const detail = await guest.get(`/admin/emails/${id}`)
    assert.equal(detail.status, 302)
    assert.match(detail.location!, /^\/admin\/login/)
    assert.notInclude(detail.text, 'ada@example.com')
  })

  test('staff without settings.manage are refused', async ({ assert }) => {
    const { id } = await new OutboxNotifier().send({ to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>' })
    await staffWithRole('packer@emails.test', 'fulfillment')
    const agent = await signedInAgent('packer@emails.test')

    assert.equal((await agent.get('/admin/emails')).status, 403)
    const detail = await agent.get(`/admin/emails/${id}`)
    assert.equal(detail.status, 403)
    assert.notInclude(detail.text, 'ada@example.com')
  })

  test('lists emails newest first, filters them and searches by recipient', async ({ assert }) => {
    const notifier = new OutboxNotifier()
    await notifier.send({ to: 'old@example.com', subject: 'Older email', html: '<p>1</p>', template: 'order_placed' })
    await NotificationMessage.query().update({ created_at: minuteAgo() })
    await notifier.send({ to: 'New@Example.com', subject: 'Newer email', html: '<p>2</p>', template: 'staff_signed_in' })
    await staffWithRole('admin@emails.test', 'admin')
    const agent = await signedInAgent('admin@emails.test')

    const page = await agent.get('/admin/emails')
    assert.equal(page.status, 200)
    assert.include(page.text, '<title>Emails')
    assert.include(page.text, 'href="/admin/emails"') // the sidebar entry the plugin added
    assert.isBelow(page.text.indexOf('Newer email'), page.text.indexOf('Older email'))

    const byTemplate = await agent.get('/admin/emails?template=order_placed&status=')
    assert.include(byTemplate.text, 'Older email')
    assert.notInclude(byTemplate.text, 'Newer email')

    const byRecipient = await agent.get('/admin/emails?q=new%40EXAMPLE')
    assert.include(byRecipient.text, 'Newer email')
    assert.notInclude(byRecipient.text, 'Older email')

    const failedOnly = await agent.get('/admin/emails?status=failed')
    assert.include(failedOnly.text, 'No emails match.')

    const fragment = await agent.get('/admin/emails?q=old', { 'HX-Request': 'true' })
    assert.match(fragment.text.trim(), /^<div id="emails-table">/)
    assert.include(fragment.text, 'Older email')
    assert.include(fragment.headers.get('vary') ?? '', 'HX-Request')
  })

  test('pages the list by 50', async ({ assert }) => {
    await NotificationMessage.createMany(
      Array.from({ length: 51 }, (_, index) => ({
        channel: 'email' as const,
        driver: 'outbox',
        toAddress: `buyer${index}@example.com`,
        subject: `Bulk ${String(index).padStart(2, '0')}`,
        html: '<p>bulk</p>',
        status: 'stored' as const,
      }))
    )
    // make "Bulk 00" the oldest, deterministically on both databases
    await NotificationMessage.query().where('subject', 'Bulk 00').update({ created_at: minuteAgo() })
    await staffWithRole('admin@emails.test', 'admin')
    const agent = await signedInAgent('admin@emails.test')

    const first = await agent.get('/admin/emails')
    assert.notInclude(first.text, 'Bulk 00')
    assert.include(first.text, 'Page 1 of 2')
    const second = await agent.get('/admin/emails?page=2')
    assert.include(second.text, 'Bulk 00')
  })

  test('shows one email with its HTML sandboxed and its text version', async ({ assert }) => {
    const { id } = await new OutboxNotifier({ from: 'Shop <no-reply@shop.example>' }).send({
      to: 'ada@example.com',
      subject: 'Your receipt',
      html: '<p class="x">Paid &amp; thanks</p><script>alert(1)</script>',
      text: 'Paid & thanks',
      template: 'order_paid',
    })
    await staffWithRole('admin@emails.test', 'admin')
    const agent = await signedInAgent('admin@emails.test')

    const page = await agent.get(`/admin/emails/${id}`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Your receipt')
    assert.include(page.text, 'ada@example.com')
    assert.include(page.text, 'Shop &lt;no-reply@shop.example&gt;')

    const iframe = page.text.match(/<iframe[^>]*>/)?.[0] ?? ''
    // same-origin alone, so the admin page can read the email's height; nothing runs or submits inside
    assert.match(iframe, /\ssandbox="allow-same-origin"/)
    assert.notInclude(iframe, 'allow-scripts')
    // the email's markup only ever appears escaped inside srcdoc
    assert.include(iframe, 'srcdoc="&lt;p class=&quot;x&quot;&gt;Paid &amp;amp; thanks&lt;/p&gt;&lt;script&gt;')
    assert.notInclude(page.text, '<script>alert(1)</script>')
    assert.include(page.text, '<pre class="email-text">Paid &amp; thanks</pre>')

    assert.equal((await agent.get('/admin/emails/999999999')).status, 404)
  })
})
