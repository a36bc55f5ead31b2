import { test } from '@japa/runner'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { CustomerFactory, CUSTOMER_PASSWORD } from '#database/factories/customer_factory'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { ProductFactory } from '#database/factories/product_factory'
import { HttpAgent } from '#tests/helpers/http_agent'
import { ACCOUNT_BACKOFF, IP_BACKOFF, LoginBackoff, lockSecondsAfter } from '#services/login_backoff'
import { clearRateLimits } from '#tests/helpers/rate_limits'

function staffSignIn(agent: HttpAgent, email: string, password: string) {
  return agent.submit('/admin/login', '/admin/login', { email, password })
}

/** The Retry-After a locked key answers with, or 0 when it is not locked. */
async function lockedFor(backoff: LoginBackoff) {
  try {
    await backoff.assertUnlocked()
    return 0
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) return Number(error.getDefaultHeaders()['Retry-After'])
    throw error
  }
}

test.group('Security | brute force', (group) => {
  group.each.setup(() => clearRateLimits())

  test('each failure past the free ones locks the account longer; the lock is per account and per IP', async ({ assert }) => {
    assert.deepEqual(
      [4, 5, 6, 7, 8].map((failures) => lockSecondsAfter(failures, ACCOUNT_BACKOFF)),
      [0, 30, 60, 120, 240]
    )
    assert.equal(lockSecondsAfter(40, ACCOUNT_BACKOFF), ACCOUNT_BACKOFF.maxLockSeconds)

    const email = `patient-${Date.now()}@example.test`
    const backoff = new LoginBackoff('customer', email, '198.51.100.7')
    const waits: number[] = []
    for (let failure = 1; failure <= 7; failure++) {
      await backoff.recordFailure()
      waits.push(await lockedFor(backoff))
    }
    assert.deepEqual(waits.slice(0, 4), [0, 0, 0, 0])
    assert.closeTo(waits[4], 30, 1)
    assert.closeTo(waits[5], 60, 1)
    assert.closeTo(waits[6], 120, 1)
    // the same account from another address is locked too; another account there is not
    assert.isAbove(await lockedFor(new LoginBackoff('customer', email.toUpperCase(), '203.0.113.1')), 100)
    assert.equal(await lockedFor(new LoginBackoff('customer', 'other@example.test', '198.51.100.7')), 0)
    // staff and customers are counted apart
    assert.equal(await lockedFor(new LoginBackoff('staff', email, '198.51.100.8')), 0)

    // one address trying many accounts is locked once past its own allowance
    for (let failure = 1; failure <= IP_BACKOFF.freeFailures; failure++) {
      await new LoginBackoff('staff', `spray-${failure}@example.test`, '192.0.2.44').recordFailure()
    }
    assert.closeTo(await lockedFor(new LoginBackoff('staff', 'fresh@example.test', '192.0.2.44')), 30, 1)

    await backoff.recordSuccess()
    assert.equal(await lockedFor(backoff), 0)
  })

  test('customer sign-in: locked after 5 failures (429, Retry-After), even for the right password; success resets', async ({ assert }) => {
    const customer = await CustomerFactory.create()
    // Loopback is a trusted proxy: X-Forwarded-For plays two shoppers' addresses.
    const from = (ip: string) => async (password: string) => {
      const agent = new HttpAgent()
      const _csrf = await agent.csrfTokenFrom('/account/sign-in')
      return agent.post('/account/sign-in', { email: customer.email, password, _csrf }, { 'x-forwarded-for': ip })
    }
    const first = from('198.51.100.21')
    for (let attempt = 1; attempt < ACCOUNT_BACKOFF.freeFailures; attempt++) {
      assert.equal((await first(`wrong ${attempt}`)).status, 302)
    }
    // a success before the lock starts the count again
    assert.equal((await first(CUSTOMER_PASSWORD)).location, '/account')

    const second = from('198.51.100.22')
    for (let attempt = 1; attempt <= ACCOUNT_BACKOFF.freeFailures; attempt++) {
      assert.equal((await second(`wrong again ${attempt}`)).status, 302, `attempt ${attempt}`)
    }
    const refused = await second(CUSTOMER_PASSWORD)
    assert.equal(refused.status, 429)
    assert.closeTo(Number(refused.headers.get('retry-after')), 30, 2)
    // the lock is the account's: the first address is refused too
    assert.equal((await first(CUSTOMER_PASSWORD)).status, 429)
  }).timeout(60_000)

  test('staff sign-in: the account locks progressively and the address is throttled (429 with Retry-After)', async ({ assert }) => {
    const staff = await StaffUserFactory.apply('owner').create()
    const agent = new HttpAgent()
    for (let attempt = 1; attempt <= ACCOUNT_BACKOFF.freeFailures; attempt++) {
      assert.equal((await staffSignIn(agent, staff.email, `wrong ${attempt}`)).status, 302)
    }
    const locked = await staffSignIn(agent, staff.email, STAFF_PASSWORD)
    assert.equal(locked.status, 429)
    assert.closeTo(Number(locked.headers.get('retry-after')), 30, 2)
    assert.include(locked.text, 'try again')

    // four more tries from this address hit the per-IP route limit (10 a minute)
    let throttled
    for (let attempt = 0; attempt < 6 && !throttled; attempt++) {
      const answer = await staffSignIn(agent, `nobody-${attempt}@example.test`, 'guess')
      if (answer.status === 429) throttled = answer
    }
    assert.isDefined(throttled)
    assert.isAbove(Number(throttled!.headers.get('retry-after')), 60)
  }).timeout(60_000)

  test('search and placing orders are rate limited: 429 with Retry-After', async ({ assert }) => {
    await ProductFactory.create()
    const agent = new HttpAgent()
    let refused
    for (let attempt = 0; attempt < 130 && !refused; attempt++) {
      // distinct queries: cached pages answer before the limit counts
      const answer = await agent.get(`/search?q=flood${attempt}`)
      if (answer.status === 429) refused = { attempt, answer }
    }
    assert.isDefined(refused)
    assert.equal(refused!.attempt, 120)
    assert.isAbove(Number(refused!.answer.headers.get('retry-after')), 0)

    const shopper = new HttpAgent()
    const token = await shopper.csrfTokenFrom('/account/sign-in')
    let placeRefused
    for (let attempt = 0; attempt < 12 && !placeRefused; attempt++) {
      const answer = await shopper.post('/checkout/place', { _csrf: token })
      if (answer.status === 429) placeRefused = { attempt, answer }
    }
    assert.isDefined(placeRefused)
    assert.equal(placeRefused!.attempt, 10)
    assert.isAbove(Number(placeRefused!.answer.headers.get('retry-after')), 0)
  }).timeout(60_000)
})
