import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'

export const RANGE_PRESETS = ['today', '7d', '30d', 'month', 'custom'] as const

const isoDay = () => vine.date({ formats: ['YYYY-MM-DD'] })// parsed in local time, so read back in local time
  .transform((date) => DateTime.fromJSDate(date).toISODate()!)

/** The dashboard's query string (also the CSV export's). Days are store-timezone days. */
export const dashboardFiltersValidator = vine.compile(
  vine.object({
    range: vine.enum(RANGE_PRESETS).optional(),
    from: isoDay().optional().requiredWhen('range', '=', 'custom'),
    to: isoDay().optional().requiredWhen('range', '=', 'custom'),
    currency: vine.string().trim().toUpperCase().regex(/^[A-Z]{3}$/).optional(),
    chart: vine.enum(['sales', 'products'] as const).optional(),
  })
)

export type DashboardFilters = Infer<typeof dashboardFiltersValidator>
