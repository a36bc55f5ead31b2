import { test } from '@japa/runner'
import { safeAdminRedirect } from '#services/safe_redirect'

test.group('Safe redirect | after staff sign-in', () => {
  test('keeps back-office paths with their query and hash', ({ assert }) => {
    assert.equal(safeAdminRedirect('/admin'), '/admin')
    assert.equal(safeAdminRedirect('/admin/orders?status=open#list'), '/admin/orders?status=open#list')
  })

  test('refuses anything that could leave the back-office', ({ assert }) => {
    for (const next of [
      undefined,
      '',
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      'https://evil.example/admin',
      'javascript:alert(1)',
      '/administrator',
      '/admin/../evil',
      '/admin/%2e%2e/evil',
      '/admin\t/x',
      '/shop',
      'admin',
    ]) {
      assert.equal(safeAdminRedirect(next), '/admin', String(next))
    }
  })
})
