import { test } from '@japa/runner'
import edge from 'edge.js'

/**
 * Error pages can render before any route middleware ran (no session, no
 * CSRF token, no CSP nonce), so they must work with no shared state at all.
 */
test.group('Views | error pages', () => {
  test('the 500 page renders in the store layout with nothing shared', async ({ assert }) => {
    const html = await edge.render('pages/errors/server_error', { error: new Error('boom') })
    assert.include(html, 'Something went wrong on our side')
    assert.include(html, 'class="store-header"')
    assert.notInclude(html, 'boom', 'no internals leak to shoppers')
  })

  test('the 429 page says when to try again', async ({ assert }) => {
    const html = await edge.render('pages/errors/too_many_requests', { retryAfter: 840, minutes: 14 })
    assert.include(html, 'try again in 14 minutes')
  })
})
