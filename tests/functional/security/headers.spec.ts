import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import Collection from '#models/collection'
import { ProductFactory } from '#database/factories/product_factory'
import { uniqueSuffix } from '#database/factories/unique'
import { HttpAgent, type AgentResponse } from '#tests/helpers/http_agent'
import { signedInStaff } from '#tests/helpers/staff_session'
import sessionConfig from '#config/session'
import { http } from '#config/app'
import { trustedProxies } from '#services/trusted_proxies'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/** Scripts that run: anything but a data block (JSON, JSON-LD), which the browser never executes. */
function executableScripts(html: string) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .map(([, attributes, body]) => ({ attributes, body }))
    .filter(({ attributes }) => !/type=["']application\/(ld\+)?json["']/i.test(attributes))
}

function dataBlocks(html: string) {
  return [...html.matchAll(/<script\b[^>]*type=["']application\/(?:ld\+)?json["'][^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1])
}

function assertSecurityHeaders(assert: any, page: AgentResponse, path: string) {
  const csp = page.headers.get('content-security-policy') ?? ''
  assert.include(csp, "frame-ancestors 'none'", path)
  assert.include(csp, "object-src 'none'", path)
  assert.include(csp, "default-src 'self'", path)
  assert.notMatch(csp, /script-src[^;]*'unsafe-(inline|eval)'/, path)
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff', path)
  assert.equal(page.headers.get('x-frame-options'), 'DENY', path)
  assert.match(page.headers.get('strict-transport-security') ?? '', /^max-age=\d{7,}/, path)
  assert.equal(page.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path)
  assert.isNull(page.headers.get('x-powered-by'), path)
}

/**
 * Every <script> that runs is a file (src) or carries the page's current
 * nonce; data blocks cannot close their <script> early.
 */
function assertScriptsUnderPolicy(assert: any, page: AgentResponse, path: string) {
  const csp = page.headers.get('content-security-policy') ?? ''
  const nonce = csp.match(/'nonce-([^']+)'/)?.[1]
  for (const { attributes } of executableScripts(page.text)) {
    if (/\bsrc=/.test(attributes)) continue
    assert.isDefined(nonce, `${path}: an inline script on a page whose policy has no nonce`)
    assert.include(attributes, `nonce="${nonce}"`, `${path}: inline script without the current nonce`)
  }
  for (const block of dataBlocks(page.text)) assert.notInclude(block.toLowerCase(), '</', `${path}: a data block can close its script`)
}

test.group('Security | headers and scripts on every kind of page', (group) => {
  group.each.setup(() => clearRateLimits())

  test('storefront, account, checkout and admin pages send the policy and run only nonced or file scripts', async ({ assert }) => {
    const product = await ProductFactory.with('variants', 1).create()
    const collection = await Collection.create({ handle: `c-${uniqueSuffix()}`, title: 'Headers collection', kind: 'manual', published: true, sortOrder: 'manual' } as any)
    const shopper = new HttpAgent()
    // each page with the status it must answer: a page that breaks (500) or vanishes (404) fails here
    const storefront: Array<[string, number]> = [
      ['/', 200],
      ['/search?q=shirt', 200],
      [`/products/${product.handle}`, 200],
      [`/collections/${collection.handle}`, 200],
      ['/cart', 200],
      ['/account/sign-in', 200],
      ['/account/sign-up', 200],
      ['/account/forgot-password', 200],
      ['/admin/login', 200],
      ['/no-such-page', 404],
    ]
    for (const [path, status] of storefront) {
      // twice: the second answer of a public page comes from the page cache
      for (const round of [1, 2]) {
        const page = await shopper.get(path)
        assert.equal(page.status, status, `${path} (${round})`)
        assertSecurityHeaders(assert, page, path)
        assertScriptsUnderPolicy(assert, page, path)
      }
    }

    const { agent } = await signedInStaff('owner')
    for (const path of ['/admin', '/admin/products', `/admin/products/${product.id}/edit`, '/admin/orders', '/admin/collections', '/admin/system/jobs']) {
      const page = await agent.get(path)
      assert.equal(page.status, 200, path)
      assertSecurityHeaders(assert, page, path)
      assertScriptsUnderPolicy(assert, page, path)
      assert.match(page.text, /<body[^>]*hx-headers='\{"X-CSRF-TOKEN": "[^"]+"\}'/, `${path}: htmx sends the CSRF token`)
    }
  }).timeout(60_000)

  test('personal pages carry a fresh nonce per answer; public pages carry none and set no cookie', async ({ assert }) => {
    const agent = new HttpAgent()
    const first = (await agent.get('/account/sign-in')).headers.get('content-security-policy')!
    const second = (await agent.get('/account/sign-in')).headers.get('content-security-policy')!
    const nonce = (csp: string) => csp.match(/'nonce-([^']+)'/)?.[1]
    assert.isDefined(nonce(first))
    assert.notEqual(nonce(first), nonce(second))

    const home = await new HttpAgent().get('/')
    assert.notInclude(home.headers.get('content-security-policy') ?? '', 'nonce-')
    assert.isNull(home.headers.get('set-cookie'))
  })
})

test.group('Security | cookies', (group) => {
  group.each.setup(() => clearRateLimits())

  test('session and cart cookies are HttpOnly and SameSite=Lax; Secure follows production', async ({ assert }) => {
    const agent = new HttpAgent()
    const page = await agent.get('/account/sign-in')
    const cookies = page.headers.getSetCookie()
    assert.isNotEmpty(cookies)
    assert.isTrue(cookies.some((cookie) => cookie.startsWith('stockroom-session=')))
    for (const cookie of cookies) {
      assert.match(cookie, /;\s*HttpOnly/i, cookie)
      assert.match(cookie, /;\s*SameSite=Lax/i, cookie)
      // plain HTTP in tests: a Secure cookie would never come back
      assert.notMatch(cookie, /;\s*Secure/i, cookie)
    }

    // In production both cookie settings turn Secure on (the config reads app.inProduction).
    const session = await sessionConfig.resolver(app)
    assert.equal(session.cookie.secure, app.inProduction)
    assert.equal(http.cookie.secure, app.inProduction)
    assert.isTrue(session.cookie.httpOnly)
    assert.equal(session.cookie.sameSite, 'lax')
  })
})

test.group('Security | client address behind proxies', () => {
  test('X-Forwarded-For is believed only from local or private proxies, or those configured', ({ assert }) => {
    const byDefault = trustedProxies(undefined)
    assert.isTrue(byDefault('127.0.0.1'))
    assert.isTrue(byDefault('::ffff:10.1.2.3'))
    assert.isTrue(byDefault('::1'))
    assert.isFalse(byDefault('203.0.113.9'), 'a client on the internet cannot choose its IP')
    assert.isFalse(byDefault('2001:db8::1'))

    const configured = trustedProxies('198.51.100.0/24, 192.0.2.7')
    assert.isTrue(configured('198.51.100.20'))
    assert.isTrue(configured('192.0.2.7'))
    assert.isFalse(configured('127.0.0.1'))
    assert.throws(() => trustedProxies('not-an-ip'), /TRUSTED_PROXIES/)
  })
})

test.group('Security | session fixation in the back-office', (group) => {
  group.each.setup(() => clearRateLimits())

  test('staff sign-in starts a new session id; the planted one opens nothing', async ({ assert }) => {
    const { StaffUserFactory, STAFF_PASSWORD } = await import('#database/factories/staff_user_factory')
    const staff = await StaffUserFactory.apply('owner').create()
    const agent = new HttpAgent()
    await agent.get('/admin/login')
    const planted = agent.cookies.get('stockroom-session')
    assert.isString(planted)
    const signedIn = await agent.submit('/admin/login', '/admin/login', { email: staff.email, password: STAFF_PASSWORD })
    assert.equal(signedIn.location, '/admin')
    assert.notEqual(agent.cookies.get('stockroom-session'), planted)
    assert.equal((await agent.get('/admin')).status, 200)

    const attacker = new HttpAgent()
    attacker.cookies.set('stockroom-session', planted!)
    const refused = await attacker.get('/admin')
    assert.equal(refused.status, 302)
    assert.match(refused.location ?? '', /^\/admin\/login/)
  })
})
