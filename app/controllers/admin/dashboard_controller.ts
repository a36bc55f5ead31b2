import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { adminNavBadges } from '#services/admin_navigation'
import { awaitingFulfillmentCount, recentActivity, salesTrend, todayAgainstYesterday } from '#queries/admin_dashboard_query'
import { DASHBOARD_CHANNEL } from '#services/live_updates'
import OrdersPolicy from '#policies/orders_policy'
import SettingsPolicy from '#policies/settings_policy'
import StaffPolicy from '#policies/staff_policy'

/** The id of the dashboard's live part: htmx refetches it when the dashboard channel says something changed. */
const LIVE_TARGET = 'dashboard-live'

/**
 * The back-office home: today's paid orders, orders waiting to ship, the
 * counts plugins flag (low stock), recent activity and the plugins'
 * widgets, refreshed live over Server-Sent Events. Each figure shows only
 * to staff whose role reads it.
 */
export default class DashboardController {
  async index(ctx: HttpContext) {
    const { bouncer, htmx } = ctx
    const [readsOrders, readsAudit] = await Promise.all([
      bouncer.with(OrdersPolicy).allows('read'),
      bouncer.with(StaffPolicy).allows('manage').then(async (allowed) => allowed || bouncer.with(SettingsPolicy).allows('manage')),
    ])
    const [today, trend, awaiting, attention, activity, widgets] = await Promise.all([
      readsOrders ? todayAgainstYesterday() : null,
      readsOrders ? salesTrend() : null,
      readsOrders ? awaitingFulfillmentCount() : null,
      this.attentionCounts(ctx),
      recentActivity({ orders: readsOrders, audit: readsAudit }),
      this.widgets(ctx),
    ])
    const state = { today, trend, awaiting, attention, activity, widgets, liveChannel: DASHBOARD_CHANNEL, liveTarget: LIVE_TARGET }
    return htmx.render('pages/admin/dashboard/index', 'pages/admin/dashboard/_live', state, { target: LIVE_TARGET })
  }

  /** Sidebar entries with a count (a plugin's low-stock list…) that this staff member may open, zero included. */
  protected async attentionCounts({ auth }: HttpContext) {
    const staff = auth.use('staff').user!
    const entries = []
    // the host holds what plugins added to the back-office
    const host = await app.container.make('stockroom.plugins')
    for (const entry of host.adminNav()) {
      if (entry.badge && (!entry.permission || (await staff.can(entry.permission)))) entries.push(entry)
    }
    const counts = await adminNavBadges(entries)
    return entries.map((entry) => ({ id: entry.id, label: entry.label, href: entry.href, count: counts.get(entry.id) ?? 0 }))
  }

  protected async widgets({ view, logger }: HttpContext) {
    const host = await app.container.make('stockroom.plugins')
    return Promise.all(
      host.dashboardWidgets().map(async (widget) => {
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
  }
}
