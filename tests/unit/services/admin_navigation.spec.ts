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

  test('developer pages come last, folded unless one of them is open', ({ assert }) => {
    const entries = [
      { id: 'jobs', label: 'Jobs', href: '/admin/system/jobs', order: 95, section: 'developer' as const },
      { id: 'staff', label: 'Staff', href: '/admin/staff', order: 80, section: 'system' as const },
      { id: 'orders', label: 'Orders', href: '/admin/orders', order: 20 },
    ]
    const onOrders = groupAdminNav(entries, '/admin/orders')
    assert.deepEqual(onOrders.map((section) => [section.label, section.collapsed]), [['Store', false], ['System', false], ['Developer', true]])
    const onJobs = groupAdminNav(entries, '/admin/system/jobs/3')
    assert.isFalse(onJobs.at(-1)!.collapsed)
  })

  test('the dashboard link is active only on the dashboard', ({ assert }) => {
    assert.isTrue(isActiveLink('/admin', '/admin'))
    assert.isFalse(isActiveLink('/admin', '/admin/orders'))
    assert.isFalse(isActiveLink('/admin/order', '/admin/orders'))
  })
})
