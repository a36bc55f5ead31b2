import { definePlugin } from '#plugin_host/define_plugin'
import { storeCurrency } from '#services/money'
import type { EventName } from '#plugin_host/types'
import { analyticsSettingsValidator, type AnalyticsSettings } from './validators/settings.js'
import type { FactKind } from './rollups/rollup_columns.js'

export interface AnalyticsOptions {
  /** IANA time zone whose calendar days the reports use, e.g. "Europe/Paris" (default "UTC") */
  timezone?: string
  /** ISO currency the dashboard opens on (default: the store currency, `storeCurrency` of #services/money); other currencies stay separate */
  currency?: string
}

const LISTENERS: Array<{ id: string; event: EventName; kind: FactKind }> = [
  { id: 'analytics.order-paid', event: 'OrderPaid', kind: 'paid' },
  { id: 'analytics.order-refunded', event: 'OrderRefunded', kind: 'refunded' },
  { id: 'analytics.order-cancelled', event: 'OrderCancelled', kind: 'cancelled' },
]

/**
 * Analytics plugin: daily sales, product, country and customer rollups
 * kept up to date from order events, a conversion funnel from the host's
 * first-party StorefrontTrafficCounted events, an admin dashboard (Admin › Analytics, `/admin/analytics`,
 * permission `analytics.read`) with charts, tables and CSV export, a
 * dashboard widget with today's sales, and `stockroom analytics rebuild`.
 *
 * Pages never scan orders: listeners on OrderPaid, OrderRefunded and
 * OrderCancelled add each fact once (keyed on its order timeline row) to
 * `analytics_daily_sales` and `analytics_daily_products`, on its calendar
 * day in the store timezone.
 *
 * Setup: list it in `config/plugins.ts` after the core plugins, e.g.
 * `analytics({ timezone: storeConfig.timezone, currency: storeConfig.currency })` (config/store.ts).
 * Its migrations run with the core ones (`node ace migration:run` or
 * `stockroom:setup`). On a store that already has orders, or after changing
 * the timezone, run `stockroom analytics rebuild` once. See README.md in
 * this folder and docs/analytics.md.
 */
export default function analytics(options: AnalyticsOptions = {}) {
  return definePlugin<AnalyticsSettings>({
    name: 'analytics',
    version: '0.1.0',
    compatibility: '^0.1.0',
    description: 'Sales dashboards from daily rollups kept by order events',
    settings: {
      values: { timezone: options.timezone ?? 'UTC', currency: options.currency ?? storeCurrency },
      validator: analyticsSettingsValidator,
    },
    migrations: new URL('./database/migrations/', import.meta.url),
    views: new URL('./views/', import.meta.url),

    async register(ctx) {
      const { configureAnalytics } = await import('./store_clock.js')
      configureAnalytics(ctx.settings)

      for (const listener of LISTENERS) {
        ctx.events.listen({
          id: listener.id,
          event: listener.event,
          attempts: 8,
          backoffMs: 2000,
          async handle(payload, { eventId }) {
            const { default: ApplyOrderFacts } = await import('./actions/apply_order_facts.js')
            const apply = await ctx.app.container.make(ApplyOrderFacts)
            await apply.handle((payload as { orderId: number }).orderId, listener.kind, eventId)
          },
        })
      }

      ctx.events.listen({
        id: 'analytics.storefront-traffic',
        event: 'StorefrontTrafficCounted',
        attempts: 8,
        backoffMs: 2000,
        async handle(payload, { eventId }) {
          const { default: ApplyTrafficCounts } = await import('./actions/apply_traffic_counts.js')
          await (await ctx.app.container.make(ApplyTrafficCounts)).handle(payload, eventId)
        },
      })

      // commands.ts only builds the commander tree; the rebuild is imported when it runs
      const { analyticsCommand, reportCommand } = await import('./commands.js')
      ctx.cli.command(analyticsCommand)
      ctx.cli.command(reportCommand)
    },

    async boot(ctx) {
      const { middleware } = await import('#start/kernel')
      const DashboardController = () => import('./controllers/dashboard_controller.js')
      const router = ctx.router
      router
        .group(() => {
          router.get('analytics', [DashboardController, 'index']).as('analytics.index')
          router.get('analytics/export.csv', [DashboardController, 'export']).as('analytics.export')
        })
        .prefix('/admin')
        .as('admin')
        .use([middleware.staffAuth(), middleware.adminShell()])

      ctx.admin.nav({
        id: 'analytics.dashboard',
        label: 'Analytics',
        href: '/admin/analytics',
        order: 60,
        section: 'main',
        permission: 'analytics.read',
      })

      ctx.admin.widget({
        id: 'analytics.today',
        title: 'Sales today',
        view: 'analytics::widgets/today',
        order: 20,
        data: async () => (await import('./queries/sales_query.js')).todaySummary(),
      })
    },
  })
}
