import type { HttpContext } from '@adonisjs/core/http'
import pluginHost from '#services/plugin_host'

/** The back-office home: a greeting and the widgets plugins contribute. */
export default class DashboardController {
  async index({ view, logger }: HttpContext) {
    const widgets = await Promise.all(
      pluginHost.dashboardWidgets().map(async (widget) => {
        // A broken widget must not take the dashboard down with it.
        try {
          const data = widget.data ? await widget.data() : {}
          return { id: widget.id, title: widget.title, html: await view.render(widget.view, data), failed: false }
        } catch (error) {
          logger.error({ err: error, widget: widget.id }, 'dashboard widget failed to render')
          return { id: widget.id, title: widget.title, html: '', failed: true }
        }
      })
    )
    return view.render('pages/admin/dashboard/index', { widgets })
  }
}
