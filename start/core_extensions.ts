import type { PluginHost } from '#plugin_host/host'
import { coreAdminNav } from '#services/admin_navigation'

/**
 * Core's own admin entries, added through the same host API plugins use so
 * the sidebar has one source.
 */
export function registerCore(host: PluginHost) {
  for (const entry of coreAdminNav) host.addNav(entry)
}
