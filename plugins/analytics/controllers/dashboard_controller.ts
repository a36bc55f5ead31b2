import type { HttpContext } from '@adonisjs/core/http'
import AnalyticsPolicy from '#policies/analytics_policy'
import { filtersFrom } from '#controllers/admin/query_filters'
import { ANALYTICS_CHARTS, dashboardFiltersValidator, RANGE_PRESETS } from '../validators/dashboard_filters.js'
import { loadDashboard } from '../queries/dashboard_query.js'
import { chartCsv } from '../queries/analytics_csv.js'

const PRESET_LABELS: Record<(typeof RANGE_PRESETS)[number], string> = {
  'today': 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  'month': 'This month',
  'custom': 'Custom',
}

/** Admin › Analytics: sales over a date range from the daily rollups, with CSV exports. */
export default class DashboardController {
  async index({ bouncer, htmx, request, view }: HttpContext) {
    await bouncer.with(AnalyticsPolicy).authorize('read')
    const { filters, errors } = await filtersFrom(request, dashboardFiltersValidator)
    const dashboard = await loadDashboard(filters)
    const query = new URLSearchParams({
      range: dashboard.period.range,
      from: dashboard.period.from,
      to: dashboard.period.to,
      currency: dashboard.currency,
    })
    htmx.vary()
    return view.render('analytics::admin/dashboard', {
      ...dashboard,
      errors,
      presets: RANGE_PRESETS.map((value) => ({ value, label: PRESET_LABELS[value] })),
      csvQuery: query.toString(),
      chartJson: JSON.stringify(dashboard.chartData).replace(/</g, '\\u003c'),
    })
  }

  /**
   * The same filters as the page, plus `chart=` (one of ANALYTICS_CHARTS): a CSV of that chart's table.
   * A link that does not validate goes back to the dashboard with the reason (a plain validation
   * failure would redirect "back", which for a typed or shared link is the storefront).
   */
  async export({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(AnalyticsPolicy).authorize('read')
    const { filters, errors } = await filtersFrom(request, dashboardFiltersValidator)
    if (Object.keys(errors).length) {
      session.flash('error', errors.chart
        ? `There is no “${String(request.qs().chart)}” chart to export. The charts are: ${ANALYTICS_CHARTS.join(', ')}.`
        : `That export could not be made: ${Object.values(errors).join(' ')}`)
      return response.redirect().toRoute('admin.analytics.index')
    }
    const dashboard = await loadDashboard(filters)
    const chart = filters.chart ?? 'sales'
    const body = chartCsv(dashboard, chart)
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', `attachment; filename="${chart}-${dashboard.period.from}-${dashboard.period.to}.csv"`)
    return body
  }
}
