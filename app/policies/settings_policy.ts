import type StaffUser from '#models/staff_user'
import { AreaPolicy } from '#policies/area_policy'

/**
 * Store settings and plumbing: discounts, shipping, tax, sent emails, jobs
 * and event deliveries. One permission covers them; job and event payloads
 * may hold customer data, and a retry re-runs side effects.
 */
export default class SettingsPolicy extends AreaPolicy {
  static rules = {
    manage: {
      anyOf: ['settings.manage'],
      refusal: 'Store settings, emails, jobs and events need the settings.manage permission. Ask a store owner.',
    },
  } as const

  manage(staff: StaffUser) {
    return this.require(staff, SettingsPolicy.rules.manage)
  }
}
