import { test } from '@japa/runner'
import { signInInBrowser } from '#tests/helpers/staff_session'
import { closeBrowser, newSession, type BrowserSession, htmxReady } from '#tests/helpers/browser'
import NotificationMessage from '#plugins/notifications/models/notification_message'
import { OutboxNotifier } from '#plugins/notifications/drivers/outbox_driver'
import { settleOutbox } from '#tests/helpers/outbox'
import { clearRateLimits } from '#tests/helpers/rate_limits'

/*
| What only a browser can show: the email's HTML really renders inside the
| sandboxed frame under the admin's CSP and frame headers, its scripts do
| not run, and the htmx filter swaps the table in place.
*/

test.group('Notifications | admin emails in the browser', (group) => {
  let session: BrowserSession | undefined

  group.each.setup(async () => {
    await clearRateLimits()
    // earlier suites' sign-ins leave alert emails on their way: deliver them first
    await settleOutbox()
    await NotificationMessage.query().delete()
    session = await newSession()
    session.page.setDefaultTimeout(10_000)
    return () => session?.context.close()
  })
  group.teardown(() => closeBrowser())

  async function signIn() {
    const { page } = session!
    await signInInBrowser(page, 'owner')
  }

  test('the email HTML renders in a frame where its scripts cannot run', async ({ assert }) => {
    const { page, cspViolations } = session!
    const { id } = await new OutboxNotifier().send({
      to: 'ada@example.com',
      subject: 'Preview me',
      html: '<h1 style="color:#b00">Hello Ada</h1><script>document.body.dataset.ran = "yes"</script>',
      text: 'Hello Ada',
    })
    await signIn()

    await page.goto(`/admin/emails/${id}`)
    const frame = page.frameLocator('iframe.email-preview')
    assert.equal(await frame.locator('h1').textContent(), 'Hello Ada')
    assert.equal(await frame.locator('h1').evaluate((h1) => (globalThis as any).getComputedStyle(h1).color), 'rgb(187, 0, 0)')
    assert.isNull(await frame.locator('body').getAttribute('data-ran'))
    assert.equal(await page.locator('pre.email-text').textContent(), 'Hello Ada')
    assert.deepEqual(cspViolations, [])
  })

  test('the frame takes the email\'s height, so the page scrolls and not a box inside it', async ({ assert }) => {
    const { page, cspViolations } = session!
    const paragraphs = Array.from({ length: 80 }, (_, index) => `<p>Line ${index + 1} of a long order email.</p>`).join('')
    const long = await new OutboxNotifier().send({ to: 'ada@example.com', subject: 'A long one', html: `<div>${paragraphs}</div>` })
    const short = await new OutboxNotifier().send({ to: 'ada@example.com', subject: 'A short one', html: '<p>Just this.</p>' })
    await signIn()

    const fit = async (id: string) => {
      await page.goto(`/admin/emails/${id}`)
      await page.frameLocator('iframe.email-preview').locator('p').first().waitFor()
      // fitted once the frame's document no longer scrolls inside it
      await page.waitForFunction(() => {
        const frame = (globalThis as any).document.querySelector('iframe.email-preview')
        return frame.contentDocument.documentElement.scrollHeight <= frame.clientHeight
      })
      return page.locator('iframe.email-preview').evaluate((frame: any) => frame.getBoundingClientRect().height)
    }
    // 80 paragraphs: taller than the CSS fallback's largest height (1100 px), all of it on the page
    assert.isAbove(await fit(long.id), 1100)
    // a one-line email: no tall empty frame
    assert.isBelow(await fit(short.id), 200)
    assert.deepEqual(cspViolations, [])
  })

  test('searching by recipient swaps the table and keeps the URL', async ({ assert }) => {
    const { page } = session!
    const notifier = new OutboxNotifier()
    await notifier.send({ to: 'ada@example.com', subject: 'For Ada', html: '<p>a</p>' })
    await notifier.send({ to: 'grace@example.com', subject: 'For Grace', html: '<p>g</p>' })
    await signIn()
    // the sign-in itself sends an alert email; let it arrive so the count is certain
    await settleOutbox()

    await page.goto('/admin/emails')
    await htmxReady(page)
    assert.equal(await page.locator('#emails-table tbody tr').count(), 3)

    await page.getByLabel('Recipient').fill('grace')
    await page.waitForURL('**/admin/emails?q=grace*')
    await page.locator('#emails-table tbody tr').first().waitFor()
    assert.equal(await page.locator('#emails-table tbody tr').count(), 1)
    assert.include(await page.locator('#emails-table').textContent(), 'For Grace')
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1) // a fragment, not a nested page
  })
})
