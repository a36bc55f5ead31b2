import type { HttpContext } from '@adonisjs/core/http'
import { dashboardFiltersValidator, RANGE_PRESETS } from '../validators/dashboard_filters.js'
import { loadDashboard } from '../queries/dashboard_query.js'
import { chartCsv } from '../queries/analytics_csv.js'

/** Staff permission needed for every analytics page and export. */
export const ANALYTICS_PERMISSION = 'analytics.read'

const PRESET_LABELS: Record<(typeof RANGE_PRESETS)[number], string> = {
  'today': 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  'month': 'This month',
  'custom': 'Custom',
}

/** Admin › Analytics: sales over a date range from the daily rollups, with CSV exports. */
export default class DashboardController {
  async index({ auth, request, response, view }: HttpContext) {
    if (!(await auth.use('staff').user!.can(ANALYTICS_PERMISSION))) return forbidden(response)
    const [error, filters] = await dashboardFiltersValidator.tryValidate(withoutBlanks(request.qs()))
    const dashboard = await loadDashboard(filters ?? {})
    const query = new URLSearchParams({
      range: dashboard.period.range,
      from: dashboard.period.from,
      to: dashboard.period.to,
      currency: dashboard.currency,
    })
    response.header('Vary', 'HX-Request')
    return view.render('analytics::admin/dashboard', {
      ...dashboard,
      errors: error ? Object.fromEntries(error.messages.map((m: { field: string; message: string }) => [m.field, m.message])) : {},
      presets: RANGE_PRESETS.map((value) => ({ value, label: PRESET_LABELS[value] })),
      csvQuery: query.toString(),
      chartJson: JSON.stringify(dashboard.chartData).replace(/</g, '\\u003c'),
    })
  }

  /** The same filters as the page, plus `chart=` (one of ANALYTICS_CHARTS): a CSV of that chart's table. */
  async export({ auth, request, response }: HttpContext) {
    if (!(await auth.use('staff').user!.can(ANALYTICS_PERMISSION))) return forbidden(response)
    const filters = await dashboardFiltersValidator.validate(withoutBlanks(request.qs()))
    const dashboard = await loadDashboard(filters)
    const chart = filters.chart ?? 'sales'
    const body = chartCsv(dashboard, chart)
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', `attachment; filename="${chart}-${dashboard.period.from}-${dashboard.period.to}.csv"`)
    return body
  }
}

function forbidden(response: HttpContext['response']) {
  return response.forbidden('Analytics needs the analytics.read permission. Ask a store owner.')
}

/** An empty field means "not given", not an invalid value. */
function withoutBlanks(qs: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(qs).filter(([, value]) => value !== '' && value !== null))
}
