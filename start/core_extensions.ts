import type { PluginHost } from '#plugin_host/host'

/**
 * Core's own admin entries, added through the same host API plugins use so
 * the sidebar has one source.
 */
export function registerCore(host: PluginHost) {
  host.addNav({ id: 'core.dashboard', label: 'Dashboard', href: '/admin', order: 10, section: 'main' })
  host.addNav({
    id: 'core.events',
    label: 'Event deliveries',
    href: '/admin/system/events',
    order: 90,
    section: 'system',
    permission: 'settings.manage',
  })
}
