import app from '@adonisjs/core/services/app'
import type { AdminNavEntry } from '#plugin_host/types'

/**
 * Core back-office navigation. The plugin host merges these with the
 * entries plugins add; features append theirs here as they land.
 */
export const coreAdminNav: AdminNavEntry[] = [
  { id: 'core.dashboard', label: 'Dashboard', href: '/admin', order: 10, section: 'main' },
  { id: 'core.products', label: 'Products', href: '/admin/products', order: 20, section: 'main', permission: 'catalog.read' },
  {
    id: 'core.collections',
    label: 'Collections',
    href: '/admin/collections',
    order: 25,
    section: 'main',
    permission: 'catalog.read',
  },
  {
    id: 'core.events',
    label: 'Event deliveries',
    href: '/admin/system/events',
    order: 90,
    section: 'developer',
    permission: 'settings.manage',
  },
  { id: 'core.jobs', label: 'Jobs', href: '/admin/system/jobs', order: 95, section: 'developer', permission: 'settings.manage' },
  { id: 'core.discounts', label: 'Discounts', href: '/admin/discounts', order: 40, section: 'main', permission: 'settings.manage' },
  { id: 'core.shipping', label: 'Shipping', href: '/admin/shipping', order: 45, section: 'main', permission: 'settings.manage' },
  { id: 'core.tax_rates', label: 'Tax rates', href: '/admin/tax-rates', order: 46, section: 'main', permission: 'settings.manage' },
  { id: 'core.orders', label: 'Orders', href: '/admin/orders', order: 15, section: 'main', permission: 'orders.read' },
  { id: 'core.customers', label: 'Customers', href: '/admin/customers', order: 17, section: 'main', permission: 'customers.read' },
  // the newsletter list, a sub-page of Customers
  {
    id: 'core.subscribers',
    label: 'Subscribers',
    href: '/admin/customers/subscribers',
    order: 18,
    section: 'main',
    permission: 'customers.read',
  },
  // store-wide settings pages (home page, policies…), listed on one index
  { id: 'core.settings', label: 'Settings', href: '/admin/settings', order: 78, section: 'system', permission: 'settings.manage' },
  { id: 'core.staff', label: 'Staff', href: '/admin/staff', order: 80, section: 'system', permission: 'staff.manage' },
  { id: 'core.roles', label: 'Roles', href: '/admin/roles', order: 82, section: 'system', permission: 'roles.manage' },
  { id: 'core.audit', label: 'Audit log', href: '/admin/audit', order: 84, section: 'system', permission: 'staff.manage' },
  // the tokens and ui components, for anyone who builds or reviews a back-office page
  { id: 'core.styleguide', label: 'Style guide', href: '/admin/styleguide', order: 99, section: 'developer' },
]

export interface AdminNavLink extends AdminNavEntry {
  active: boolean
  /** the entry's badge count, when it has one above zero */
  badgeCount: number | null
}

export interface AdminNavSection {
  name: NonNullable<AdminNavEntry['section']>
  label: string
  links: AdminNavLink[]
  /** folded behind its heading (a <details>) unless it holds the current page */
  collapsed: boolean
}

/**
 * In sidebar order. Developer pages (deliveries, jobs, the style guide) sit
 * last and folded, so a merchant's own pages are the ones in view.
 */
const sectionLabels: Record<AdminNavSection['name'], string> = {
  main: 'Store',
  system: 'System',
  developer: 'Developer',
}

/**
 * True when `href` is the page being shown or one of its sub-pages. The
 * dashboard (`/admin`) matches only itself, or it would be active everywhere.
 */
export function isActiveLink(href: string, currentPath: string): boolean {
  if (href === currentPath) return true
  if (href === '/admin') return false
  return currentPath.startsWith(`${href}/`)
}

/** Groups sorted nav entries into sidebar sections, marking the active link and its badge count. */
export function groupAdminNav(
  entries: AdminNavEntry[],
  currentPath: string,
  badges: Map<string, number> = new Map()
): AdminNavSection[] {
  const sections = new Map<AdminNavSection['name'], AdminNavSection>()
  for (const name of Object.keys(sectionLabels) as AdminNavSection['name'][]) {
    sections.set(name, { name, label: sectionLabels[name], links: [], collapsed: false })
  }
  const sorted = [...entries].sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000))
  // one current link: the closest match, so Customers › Subscribers does not mark Customers too
  const active = sorted
    .filter((entry) => isActiveLink(entry.href, currentPath))
    .reduce<AdminNavEntry | null>((best, entry) => (!best || entry.href.length > best.href.length ? entry : best), null)
  for (const entry of sorted) {
    const section = sections.get(entry.section ?? 'main')!
    const count = badges.get(entry.id) ?? 0
    section.links.push({ ...entry, active: entry === active, badgeCount: count > 0 ? count : null })
  }
  const developer = sections.get('developer')!
  developer.collapsed = !developer.links.some((link) => link.active)
  return [...sections.values()].filter((section) => section.links.length > 0)
}

/** Each visible entry's badge count; one failing badge shows none rather than breaking the page. */
export async function adminNavBadges(entries: AdminNavEntry[]): Promise<Map<string, number>> {
  const counted = await Promise.all(
    entries
      .filter((entry) => entry.badge)
      .map(async (entry) => [entry.id, Number(await Promise.resolve(entry.badge!()).catch(() => 0))] as const)
  )
  return new Map(counted)
}

/**
 * The navigation entries (core's and plugins') this staff member may open:
 * the sidebar and the command palette list the same pages. Hiding a link is
 * a courtesy; each page still checks access.
 */
export async function visibleAdminNav(staff: { can(permission: string): Promise<boolean> } | null) {
  // the host holds the navigation entries core and plugins registered
  const host = await app.container.make('stockroom.plugins')
  const visible: AdminNavEntry[] = []
  for (const entry of host.adminNav()) {
    if (!entry.permission || (staff && (await staff.can(entry.permission)))) visible.push(entry)
  }
  return visible
}

/** The cookie holding a staff member's colour scheme choice (light or dark; absent: follow the device). */
export const COLOR_SCHEME_COOKIE = 'admin_scheme'

/** The scheme the admin renders with, from the cookie; anything else follows the device. */
export function chosenColorScheme(cookieValue: unknown): 'light' | 'dark' | null {
  return cookieValue === 'light' || cookieValue === 'dark' ? cookieValue : null
}
