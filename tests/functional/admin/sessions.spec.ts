import { test } from '@japa/runner'
import OutboxEvent from '#models/outbox_event'
import StaffUser from '#models/staff_user'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { STAFF_LOGIN_FAILURES_PER_ACCOUNT } from '#actions/staff/sign_in_staff'
import { HttpAgent } from '#tests/helpers/http_agent'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const SESSION_COOKIE = 'stockroom-session'

/** True when the agent's cookies open the dashboard. */
async function isSignedIn(agent: HttpAgent) {
  const response = await agent.get('/admin')
  return response.status === 200
}

async function signIn(agent: HttpAgent, email: string, password = STAFF_PASSWORD, next?: string) {
  const page = next ? `/admin/login?next=${encodeURIComponent(next)}` : '/admin/login'
  return agent.submit(page, '/admin/login', { email, password, ...(next ? { next } : {}) })
}

test.group('Admin | sign in', (group) => {
  // Every request comes from 127.0.0.1: start each test with fresh counters.
  group.each.setup(() => clearRateLimits())

  test('the sign-in page renders a form with a CSRF token', async ({ assert }) => {
    const response = await new HttpAgent().get('/admin/login')
    assert.equal(response.status, 200)
    assert.include(response.text, '<form method="POST" action="/admin/login"')
    assert.match(response.text, /name='_csrf' value='[^']+'/)
    assert.include(response.text, 'autocomplete="current-password"')
  })

  test('guests asking for an admin page are sent to sign in, keeping where they were going', async ({ assert }) => {
    const response = await new HttpAgent().get('/admin?tab=today')
    assert.equal(response.status, 302)
    assert.equal(response.location, `/admin/login?next=${encodeURIComponent('/admin?tab=today')}`)
  })

  test('correct credentials open the dashboard, stamp last_login_at and record StaffSignedIn', async ({ assert }) => {
    const staff = await StaffUserFactory.merge({ fullName: 'Ada Lovelace' }).create()
    const agent = new HttpAgent()
    await agent.get('/admin/login')
    const sessionBefore = agent.cookies.get(SESSION_COOKIE)

    const response = await signIn(agent, staff.email)
    assert.equal(response.status, 302)
    assert.equal(response.location, '/admin')
    assert.notEqual(agent.cookies.get(SESSION_COOKIE), sessionBefore, 'session id is regenerated at sign-in')

    const dashboard = await agent.get('/admin')
    assert.equal(dashboard.status, 200)
    assert.include(dashboard.text, 'Welcome back, Ada Lovelace.')
    assert.include(dashboard.text, '<a href="/admin" aria-current="page">Dashboard</a>')

    await staff.refresh()
    assert.isNotNull(staff.lastLoginAt)
    const event = await OutboxEvent.query().where('name', 'StaffSignedIn').orderBy('id', 'desc').firstOrFail()
    assert.equal(event.payload.staffUserId, staff.id)
    assert.equal(event.payload.email, staff.email)
    assert.equal(event.payload.ip, '127.0.0.1')
  })

  test('the email is matched case-insensitively', async ({ assert }) => {
    const staff = await StaffUserFactory.create()
    const agent = new HttpAgent()
    const response = await signIn(agent, `  ${staff.email.toUpperCase()} `)
    assert.equal(response.location, '/admin')
    assert.isTrue(await isSignedIn(agent))
  })

  test('a wrong password and an unknown email get the same inline error', async ({ assert }) => {
    const staff = await StaffUserFactory.create()
    const messages: string[] = []
    for (const email of [staff.email, 'nobody-here@example.com']) {
      const agent = new HttpAgent()
      const response = await signIn(agent, email, 'not the password')
      assert.equal(response.status, 302)
      assert.equal(response.location, '/admin/login')
      const form = await agent.get('/admin/login')
      const error = form.text.match(/<div class="alert alert--error" role="alert"[^>]*><p>([^<]+)<\/p>/)?.[1]
      assert.exists(error)
      messages.push(error!)
      assert.include(form.text, `value="${email}"`, 'the email is kept')
      assert.notInclude(form.text, 'not the password')
      assert.isFalse(await isSignedIn(agent))
    }
    assert.equal(messages[0], messages[1])
  })

  test('a missing CSRF token is refused and signs nobody in', async ({ assert }) => {
    const staff = await StaffUserFactory.create()
    const agent = new HttpAgent()
    await agent.get('/admin/login')
    const response = await agent.post('/admin/login', { email: staff.email, password: STAFF_PASSWORD })
    assert.oneOf(response.status, [302, 403])
    assert.notEqual(response.location, '/admin')
    assert.isFalse(await isSignedIn(agent))
    await staff.refresh()
    assert.isNull(staff.lastLoginAt)
  })

  test('a deactivated account is refused even with the right password', async ({ assert }) => {
    const staff = await StaffUserFactory.apply('inactive').create()
    const agent = new HttpAgent()
    const response = await signIn(agent, staff.email)
    assert.equal(response.location, '/admin/login')
    assert.include((await agent.get('/admin/login')).text, 'This account has been deactivated')
    assert.isFalse(await isSignedIn(agent))
  })

  test('deactivating an account ends its open sessions', async ({ assert }) => {
    const staff = await StaffUserFactory.create()
    const agent = new HttpAgent()
    await signIn(agent, staff.email)
    assert.isTrue(await isSignedIn(agent))
    await StaffUser.query().where('id', staff.id).update({ is_active: false })
    const response = await agent.get('/admin')
    assert.equal(response.status, 302)
    assert.match(response.location!, /^\/admin\/login/)
  })

  test('?next= returns to an admin page but never leaves the back-office', async ({ assert }) => {
    const staff = await StaffUserFactory.create()
    const cases: Array<[string, string]> = [
      ['/admin?tab=orders', '/admin?tab=orders'],
      ['//evil.example', '/admin'],
      ['//evil.example/admin', '/admin'],
      ['https://evil.example/admin', '/admin'],
      ['/\\evil.example', '/admin'],
      ['/admin/../../evil', '/admin'],
      ['/administrator', '/admin'],
    ]
    for (const [next, expected] of cases) {
      await clearRateLimits()
      const response = await signIn(new HttpAgent(), staff.email, STAFF_PASSWORD, next)
      assert.equal(response.location, expected, `next=${next}`)
    }
  })

  test('signing out ends the session', async ({ assert }) => {
    const staff = await StaffUserFactory.create()
    const agent = new HttpAgent()
    await signIn(agent, staff.email)
    assert.isTrue(await isSignedIn(agent))

    const response = await agent.submit('/admin', '/admin/logout', {})
    assert.equal(response.status, 302)
    assert.equal(response.location, '/admin/login')
    assert.include((await agent.get('/admin/login')).text, 'You have signed out.')
    assert.isFalse(await isSignedIn(agent))
  })
})

test.group('Admin | sign-in rate limits', (group) => {
  group.each.setup(() => clearRateLimits())

  test('an account is locked after repeated failures, even for the right password', async ({ assert }) => {
    const staff = await StaffUserFactory.create()
    const agent = new HttpAgent()
    for (let attempt = 1; attempt <= STAFF_LOGIN_FAILURES_PER_ACCOUNT; attempt++) {
      const response = await signIn(agent, staff.email, `wrong ${attempt}`)
      assert.equal(response.status, 302, `attempt ${attempt}`)
    }
    const locked = await signIn(agent, staff.email)
    assert.equal(locked.status, 429)
    assert.isAbove(Number(locked.headers.get('retry-after')), 0)
    assert.include(locked.text, 'Too many attempts')
    assert.isFalse(await isSignedIn(agent))
  })

  test('one address is throttled after 10 attempts a minute, whatever the accounts', async ({ assert }) => {
    const agent = new HttpAgent()
    const token = await agent.csrfTokenFrom('/admin/login')
    const statuses: number[] = []
    for (let attempt = 1; attempt <= 11; attempt++) {
      const response = await agent.post('/admin/login', {
        _csrf: token,
        email: `guess-${attempt}@example.com`,
        password: 'guess',
      })
      statuses.push(response.status)
      if (response.status === 429) {
        assert.isAbove(Number(response.headers.get('retry-after')), 0)
        assert.include(response.headers.get('content-type') ?? '', 'text/html')
      }
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(302))
    assert.equal(statuses[10], 429)
  })
})
