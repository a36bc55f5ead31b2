import type { PluginHost } from '#plugin_host/host'
import { coreAdminNav } from '#services/admin_navigation'
import { expireUnpaidOrdersJob } from '#jobs/expire_unpaid_orders_job'
import { fetchImageJob } from '#jobs/fetch_image_job'
import { encodeAvifJob } from '#jobs/encode_avif_job'
import { registerLiveUpdateListeners } from '#listeners/live_updates_listener'
import { registerAccountEmailListener } from '#accounts/account_emails'
import { bulkFulfillJob } from '#jobs/bulk_fulfill_job'

/**
 * Core's own admin entries, added through the same host API plugins use so
 * the sidebar has one source; core's own jobs, by stable name.
 */
export function registerCore(host: PluginHost) {
  for (const entry of coreAdminNav) host.addNav(entry)
  host.jobs.define(expireUnpaidOrdersJob())
  host.jobs.define(fetchImageJob())
  host.jobs.define(encodeAvifJob())
  registerLiveUpdateListeners(host)
  registerAccountEmailListener(host)
  host.jobs.define(bulkFulfillJob())
}
