import { test } from '@japa/runner'
import { browserSessions } from '#tests/helpers/browser'
import { CustomerFactory } from '#database/factories/customer_factory'
import { latestEmail, orderOf, tokenFrom, uniqueEmail } from '#tests/helpers/accounts'
import { clearRateLimits } from '#tests/helpers/rate_limits'

const PASSWORD = 'correct horse battery staple'

test.group('Storefront | account pages in the browser', (group) => {
  const session = browserSessions(group, { before: clearRateLimits })

  test('sign up, confirm by the emailed link, sign in again, add an address and see the orders', async ({ assert }) => {
    const { page, consoleErrors, cspViolations } = session()
    const email = uniqueEmail('browser')
    // an order placed as a guest with this address: the account claims it once the address is confirmed
    const guest = await CustomerFactory.apply('guest').merge({ email }).create()
    const guestOrder = await orderOf(guest.id, { email })

    await page.goto('/account/sign-up')
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('First name').fill('Ada')
    await page.getByLabel('Last name').fill('Lovelace')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Password again').fill(PASSWORD)
    await Promise.all([page.waitForURL('**/account'), page.getByRole('button', { name: 'Create account' }).click()])
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Your account')
    assert.include(await page.locator('main').textContent(), `We sent a link to ${email}`)

    // the link arrives through the outbox, as a worker would send it
    const token = tokenFrom(await latestEmail(email, 'account_verify_email'), 'verify')
    await page.goto(`/account/verify/${token}`)
    await page.waitForURL('**/account')
    assert.include(await page.locator('main').textContent(), 'your email address is confirmed')

    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/account/') || url.pathname === '/account/sign-in'), page.getByRole('button', { name: 'Sign out' }).click()])
    await page.goto('/account')
    assert.match(page.url(), /\/account\/sign-in\?next=%2Faccount$/)
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('Password').fill(PASSWORD)
    await Promise.all([page.waitForURL('**/account'), page.getByRole('button', { name: 'Sign in' }).click()])
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Your account')

    await page.goto('/account/addresses')
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Save address' }) })
    await form.getByLabel('First name').fill('Ada')
    await form.getByLabel('Last name').fill('Lovelace')
    await form.getByLabel('Address', { exact: true }).fill('12 Analytical Row')
    await form.getByLabel('City').fill('London')
    await form.getByLabel('Postal code').fill('N1 9GU')
    await form.getByLabel('Country').selectOption('GB')
    await Promise.all([page.waitForURL('**/account/addresses'), form.getByRole('button', { name: 'Save address' }).click()])
    assert.include(await page.locator('main').textContent(), '12 Analytical Row')

    await page.goto('/account/orders')
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Your orders')
    assert.isTrue(await page.getByRole('link', { name: `#${guestOrder.number}` }).isVisible())

    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  }).timeout(90_000)
})
