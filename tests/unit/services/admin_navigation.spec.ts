import { test } from '@japa/runner'
import { groupAdminNav, isActiveLink } from '#services/admin_navigation'

test.group('Admin navigation | grouping', () => {
  test('groups by section in order and marks the current page', ({ assert }) => {
    const sections = groupAdminNav(
      [
        { id: 'system.events', label: 'Events', href: '/admin/system/events', order: 90, section: 'system' },
        { id: 'orders', label: 'Orders', href: '/admin/orders', order: 20 },
        { id: 'dashboard', label: 'Dashboard', href: '/admin', order: 10, section: 'main' },
      ],
      '/admin/orders/42'
    )
    assert.deepEqual(
      sections.map((section) => [section.label, section.links.map((link) => [link.label, link.active])]),
      [
        ['Store', [['Dashboard', false], ['Orders', true]]],
        ['System', [['Events', false]]],
      ]
    )
  })

  test('the dashboard link is active only on the dashboard', ({ assert }) => {
    assert.isTrue(isActiveLink('/admin', '/admin'))
    assert.isFalse(isActiveLink('/admin', '/admin/orders'))
    assert.isFalse(isActiveLink('/admin/order', '/admin/orders'))
  })
})
