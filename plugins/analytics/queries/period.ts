import { DateTime } from 'luxon'
import type { DashboardFilters } from '../validators/dashboard_filters.js'

export interface Period {
  range: NonNullable<DashboardFilters['range']>
  from: string
  to: string
  days: number
  /** the same number of days just before */
  previous: { from: string; to: string }
}

/** Longest custom range, so one request never reads years of rollups. */
export const MAX_DAYS = 366

/** Resolves a preset or custom range against today (a store-timezone day). */
export function resolvePeriod(filters: DashboardFilters, today: string): Period {
  const range = filters.range ?? '30d'
  const end = DateTime.fromISO(today, { zone: 'UTC' })
  let from = end
  let to = end
  if (range === '7d') from = end.minus({ days: 6 })
  else if (range === '30d') from = end.minus({ days: 29 })
  else if (range === 'month') from = end.startOf('month')
  else if (range === 'custom' && filters.from && filters.to) {
    // a reversed range is read the way it was meant
    ;[from, to] = [filters.from, filters.to].sort().map((day) => DateTime.fromISO(day, { zone: 'UTC' }))
    if (to.diff(from, 'days').days >= MAX_DAYS) from = to.minus({ days: MAX_DAYS - 1 })
  }
  const days = Math.round(to.diff(from, 'days').days) + 1
  const previousTo = from.minus({ days: 1 })
  return {
    range,
    from: from.toISODate()!,
    to: to.toISODate()!,
    days,
    previous: { from: previousTo.minus({ days: days - 1 }).toISODate()!, to: previousTo.toISODate()! },
  }
}
