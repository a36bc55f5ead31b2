import type StaffUser from '#models/staff_user'
import { AreaPolicy } from '#policies/area_policy'

/** Reports and dashboards (the analytics plugin's pages ask here). */
export default class AnalyticsPolicy extends AreaPolicy {
  static rules = {
    read: { anyOf: ['analytics.read'], refusal: 'Reports need the analytics.read permission. Ask a store owner.' },
  } as const

  read(staff: StaffUser) {
    return this.require(staff, AnalyticsPolicy.rules.read)
  }
}
