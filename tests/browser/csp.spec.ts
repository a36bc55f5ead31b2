import { test } from '@japa/runner'
import { browserSessions, htmxReady } from '#tests/helpers/browser'

test.group('Storefront | scripts under the content security policy', (group) => {
  const session = browserSessions(group)

  test('the home page loads htmx with no violations (Alpine only where a page asks for it)', async ({ assert }) => {
    const { page, consoleErrors, cspViolations } = session()
    const response = await page.goto('/')
    // A cached public page is shared by everyone, so its policy has no nonce: scripts load as files from 'self'.
    assert.include(response!.headers()['content-security-policy'], "script-src 'self'")
    assert.notInclude(response!.headers()['content-security-policy'], "'nonce-")
    await htmxReady(page)
    // see partials/document_head.edge; product_variant_picker.spec.ts covers a page that loads it
    assert.isFalse(await page.evaluate(() => 'Alpine' in globalThis))
    assert.deepEqual(cspViolations, [])
    assert.deepEqual(consoleErrors, [])
  })

  test('Alpine evaluates inline directives without eval (the policy forbids it)', async ({ assert }) => {
    const { page, cspViolations } = session()
    // Serve a page with the app's real policy, so a switch back to Alpine's eval build fails here.
    // The sign-in page's policy: the stateful one, with a per-request nonce.
    const policy = (await page.request.get('/admin/login')).headers()['content-security-policy']
    const nonce = policy.match(/'nonce-([^']+)'/)![1]
    await page.route('**/__alpine-check', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html', 'content-security-policy': policy },
        body: `<!doctype html><html><head><script src="/vendor/alpine.min.js" defer nonce="${nonce}"></script></head>
          <body><div x-data="{ count: 41, open: false }">
            <span id="count" x-text="count + 1">not run</span>
            <button id="toggle" @click="open = !open">toggle</button><p id="panel" x-show="open">shown</p>
          </div></body></html>`,
      })
    )
    await page.goto('/__alpine-check')
    await page.locator('#count', { hasText: '42' }).waitFor()
    assert.isFalse(await page.locator('#panel').isVisible())
    await page.locator('#toggle').click()
    // x-show applies on Alpine's next tick: wait rather than read at once.
    await page.locator('#panel').waitFor({ state: 'visible', timeout: 2000 })
    assert.deepEqual(cspViolations, [])
  })
})
