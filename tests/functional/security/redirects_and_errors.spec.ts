import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { Writable } from 'node:stream'
import { Logger } from '@adonisjs/core/logger'
import HttpExceptionHandler from '#exceptions/handler'
import loggerConfig from '#config/logger'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/** Ways of writing "another site" that naive checks let through. */
const FOREIGN = [
  'https://evil.example/',
  '//evil.example/',
  '///evil.example/',
  '/\\evil.example/',
  '\\\\evil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  ' //evil.example',
  '/\t/evil.example',
  'http:evil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/admin/../\\evil.example',
  'https://127.0.0.1@evil.example/',
]

/** A path a browser resolves to this site (encoded slashes in a path are only a path). */
function assertStaysHome(assert: any, location: string | null | undefined, what: string) {
  assert.isString(location, what)
  assert.match(location!, /^\/(?![/\\])/, `${what} → ${location}`)
  assert.notMatch(location!, /[\\\u0000-\u001f]/, `${what} → ${location}`)
  assert.equal(new URL(location!, 'http://shop.invalid').origin, 'http://shop.invalid', `${what} → ${location}`)
}

function hiddenNext(html: string) {
  return html.match(/name="next" value="([^"]*)"/)?.[1]?.replace(/&amp;/g, '&') || null
}

test.group('Security | open redirects on ?next=', (group) => {
  group.each.setup(() => clearRateLimits())

  test('storefront sign-in returns only to this shop, never to another site or the admin', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    for (const next of [...FOREIGN, '/admin/products']) {
      const agent = new HttpAgent()
      const page = await agent.get(`/account/sign-in?next=${encodeURIComponent(next)}`)
      const kept = hiddenNext(page.text)
      if (kept) assertStaysHome(assert, kept, `sign-in page keeps ${next}`)
      const _csrf = await agent.csrfTokenFrom('/account/sign-in')
      const answer = await agent.post('/account/sign-in', { email: customer.email, password: CUSTOMER_PASSWORD, next, _csrf }, { 'x-forwarded-for': `198.51.100.${FOREIGN.indexOf(next) + 50}` })
      assertStaysHome(assert, answer.location, `storefront next=${next}`)
      assert.notMatch(answer.location!, /^\/admin/, next)
    }
    const agent = new HttpAgent()
    const _csrf = await agent.csrfTokenFrom('/account/sign-in')
    const home = await agent.post('/account/sign-in', { email: customer.email, password: CUSTOMER_PASSWORD, next: '/account/orders?page=2', _csrf })
    assert.equal(home.location, '/account/orders?page=2')
  }).timeout(60_000)

  test('admin sign-in returns only inside the back-office', async ({ assert }) => {
    const staff = await StaffUserFactory.apply('owner').create()
    for (const next of [...FOREIGN, '/account', '/admin/../account']) {
      const agent = new HttpAgent()
      const page = await agent.get(`/admin/login?next=${encodeURIComponent(next)}`)
      const kept = hiddenNext(page.text)
      if (kept) assertStaysHome(assert, kept, `login page keeps ${next}`)
      const _csrf = await agent.csrfTokenFrom('/admin/login')
      const answer = await agent.post('/admin/login', { email: staff.email, password: STAFF_PASSWORD, next, _csrf }, { 'x-forwarded-for': `198.51.100.${FOREIGN.indexOf(next) + 100}` })
      assertStaysHome(assert, answer.location, `admin next=${next}`)
      assert.match(answer.location!, /^\/admin(\/|$|\?)/, next)
    }
  }).timeout(60_000)
})

test.group('Security | errors do not leak internals', () => {
  test('a database error answers a 500 page with a reference id, no message, SQL or stack', async ({ assert }) => {
    const failure = await db.rawQuery('select secret_column from no_such_table_h7').catch((error) => error)
    assert.instanceOf(failure, Error)

    const handler = new HttpExceptionHandler()
    for (const accept of ['text/html', 'application/json']) {
      const ctx = await testUtils.createHttpContext()
      ctx.request.request.headers.accept = accept
      ctx.request.request.headers['x-request-id'] = `ref-${accept.length}-h7`
      await handler.handle(failure, ctx)
      const status = ctx.response.getStatus()
      const body = String(typeof ctx.response.getBody() === 'string' ? ctx.response.getBody() : JSON.stringify(ctx.response.getBody()))
      assert.equal(status, 500, accept)
      assert.include(body, `ref-${accept.length}-h7`, `${accept}: the reference to quote`)
      for (const secret of ['no_such_table_h7', 'secret_column', 'select ', 'SQLITE', 'relation', '.ts:', 'node_modules']) {
        assert.notInclude(body, secret, `${accept} leaks ${secret}`)
      }
      // a stack frame ("at Foo.bar (file…)"), not any " at " (the footer says "unsubscribe at any time")
      assert.notMatch(body, /\bat [\w$.<>]+ \(|\bat (file|node):/, `${accept} leaks a stack trace`)
    }
  })

  test('the logger redacts passwords, tokens and cookies wherever our forms put them', async ({ assert }) => {
    const lines: string[] = []
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) })
    const log = new Logger({ enabled: true, level: 'info', redact: loggerConfig.loggers.app.redact, desination: sink })
    log.info({
      password: 'pw-top-secret',
      body: { current_password: 'pw-current-secret', password_confirmation: 'pw-confirm-secret', _csrf: 'csrf-secret' },
      token: 'token-secret',
      payload: { sealedToken: 'sealed-secret' },
      headers: { 'cookie': 'cookie-secret', 'authorization': 'Bearer auth-secret', 'x-csrf-token': 'header-secret' },
    }, 'request')
    const written = lines.join('')
    assert.include(written, '[redacted]')
    for (const secret of ['pw-top-secret', 'pw-current-secret', 'pw-confirm-secret', 'csrf-secret', 'token-secret', 'sealed-secret', 'cookie-secret', 'auth-secret', 'header-secret']) {
      assert.notInclude(written, secret)
    }
  })
})
