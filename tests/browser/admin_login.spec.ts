import { test } from '@japa/runner'
import { StaffUserFactory, STAFF_PASSWORD } from '#database/factories/staff_user_factory'
import { browserSessions, htmxReady } from '#tests/helpers/browser'
import { clearRateLimits } from '#tests/helpers/rate_limits'

test.group('Admin | sign in through the browser', (group) => {
  const session = browserSessions(group, { before: clearRateLimits })

  test('a staff member signs in with the real form and lands on the dashboard', async ({ assert }) => {
    const { page, consoleErrors, cspViolations } = session()
    const staff = await StaffUserFactory.merge({ fullName: 'Grace Hopper' }).create()

    await page.goto('/admin')
    assert.match(page.url(), /\/admin\/login\?next=%2Fadmin$/)
    await page.getByLabel('Email').fill(staff.email)
    await page.getByLabel('Password').fill(STAFF_PASSWORD)
    await Promise.all([page.waitForURL('**/admin'), page.getByRole('button', { name: 'Sign in' }).click()])

    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Dashboard')
    assert.include(await page.locator('main').textContent(), 'Welcome back, Grace Hopper.')
    const nav = page.getByRole('navigation', { name: 'Back-office' })
    assert.equal(await nav.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current'), 'page')
    assert.isTrue(await page.getByRole('button', { name: 'Sign out' }).isVisible())

    // The deferred vendor scripts ran under the page's CSP.
    await htmxReady(page)
    await page.waitForFunction(() => 'Alpine' in globalThis)
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('a wrong password shows the error next to the form and keeps the email', async ({ assert }) => {
    const { page, cspViolations } = session()
    const staff = await StaffUserFactory.create()

    await page.goto('/admin/login')
    await page.getByLabel('Email').fill(staff.email)
    await page.getByLabel('Password').fill('not it')
    await Promise.all([page.waitForURL('**/admin/login'), page.getByRole('button', { name: 'Sign in' }).click()])

    assert.include(await page.getByRole('alert').textContent(), 'do not match an account')
    assert.equal(await page.getByLabel('Email').inputValue(), staff.email)
    assert.equal(await page.getByLabel('Password').inputValue(), '')
    assert.deepEqual(cspViolations, [])
  })
})
