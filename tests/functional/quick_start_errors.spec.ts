import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import runtime from '#config/runtime'
import { ace, childEnv, startServer } from '#tests/helpers/app_process'
import { markupOf } from '#tests/helpers/http_agent'

/**
 * The quick start runs with NODE_ENV unset (development). A shopper or a
 * newcomer who mistypes a URL there must get the store's page, not the
 * framework's debug page with the stack and the request's headers; debug
 * pages are for an operator who sets APP_DEBUG=true.
 */
test.group('Errors | pages in development mode', () => {
  test('an unknown URL and an unknown order get the store pages, HTML and JSON alike, with no stack or headers', async ({ assert }) => {
    const dataDir = join(runtime.dataDir, 'quick-start-errors')
    await rm(dataDir, { recursive: true, force: true })
    const env = childEnv(dataDir, { NODE_ENV: 'development' })
    delete env.APP_DEBUG
    const setup = await ace(['stockroom:setup', '--skip-demo'], env)
    assert.equal(setup.code, 0, setup.output)

    const server = await startServer(Number(process.env.PORT) + 8, env)
    try {
      const base = `http://127.0.0.1:${Number(process.env.PORT) + 8}`
      for (const path of ['/nope', '/orders/badtoken', '/admin/nope']) {
        const page = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } })
        const html = await page.text()
        assert.equal(page.status, 404, path)
        assert.include(html, 'We could not find that page', path)
        assert.notInclude(html, 'node_modules', path)
        assert.notMatch(markupOf(html), /Exception|stack|user-agent/i, path)
      }
      const json = await fetch(`${base}/nope`, { headers: { accept: 'application/json' } })
      const body = await json.text()
      assert.equal(json.status, 404)
      assert.notInclude(markupOf(body), 'frames')
      assert.notInclude(body, 'node_modules')
    } finally {
      server.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  }).timeout(180_000)
})
