import vine from '#validators/vine'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'

export const RANGE_PRESETS = ['today', '7d', '30d', 'month', 'custom'] as const

/** Every chart with a table and a CSV export (`chart=` on the export, `report analytics <chart>` on the CLI). */
export const ANALYTICS_CHARTS = ['sales', 'products', 'variants', 'collections', 'refunds', 'countries', 'customers', 'cohorts', 'values', 'funnel'] as const
export type AnalyticsChart = (typeof ANALYTICS_CHARTS)[number]

const isoDay = () => vine.date({ formats: ['YYYY-MM-DD'] })// parsed in local time, so read back in local time
  .transform((date) => DateTime.fromJSDate(date).toISODate()!)

/** The dashboard's query string (also the CSV export's). Days are store-timezone days. */
export const dashboardFiltersValidator = vine.compile(
  vine.object({
    range: vine.enum(RANGE_PRESETS).optional(),
    from: isoDay().optional().requiredWhen('range', '=', 'custom'),
    to: isoDay().optional().requiredWhen('range', '=', 'custom'),
    currency: vine.string().trim().toUpperCase().regex(/^[A-Z]{3}$/).optional(),
    chart: vine.enum(ANALYTICS_CHARTS).optional(),
  })
)

export type DashboardFilters = Infer<typeof dashboardFiltersValidator>
