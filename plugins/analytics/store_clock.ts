import { DateTime } from 'luxon'
import { storeCurrency } from '#services/money'
import type { AnalyticsSettings } from './validators/settings.js'

let current: AnalyticsSettings = { timezone: 'UTC', currency: storeCurrency }

/**
 * The plugin's validated settings, set when it registers. Listeners and
 * pages read them through here at run time, so a test (or a later admin
 * settings page) can change the store timezone; rollups must be rebuilt
 * after such a change.
 */
export function analyticsSettings(): AnalyticsSettings {
  return current
}

export function configureAnalytics(settings: AnalyticsSettings) {
  current = { ...settings }
}

/** The store-timezone calendar day (YYYY-MM-DD) of an instant. */
export function storeDay(at: DateTime, timezone = current.timezone) {
  return at.setZone(timezone).toISODate()!
}

/** Today in the store timezone. */
export function storeToday(timezone = current.timezone) {
  return DateTime.now().setZone(timezone).toISODate()!
}

/** Every day from `from` to `to` (inclusive, YYYY-MM-DD) with its bounds as instants. */
export function dayBounds(from: string, to: string, timezone = current.timezone) {
  const days: Array<{ day: string; startsAt: DateTime; endsAt: DateTime }> = []
  let start = DateTime.fromISO(from, { zone: timezone }).startOf('day')
  const last = DateTime.fromISO(to, { zone: timezone }).startOf('day')
  while (start <= last) {
    // plus({ days: 1 }) then startOf('day') keeps 23- and 25-hour DST days right
    const next = start.plus({ days: 1 }).startOf('day')
    days.push({ day: start.toISODate()!, startsAt: start, endsAt: next })
    start = next
  }
  return days
}
