import { definePlugin } from '#plugin_host/define_plugin'
import { notificationsSettingsValidator, type NotificationsSettings } from './validators/settings.js'

export interface NotificationsOptions {
  /** default Notifier: `outbox` (default) keeps every email in the database */
  driver?: 'outbox' | 'sendgrid'
  /** sender of every email: "Shop <no-reply@shop.example>" or a bare address */
  from: string
}

/**
 * Notifications plugin: Stockroom's email. It provides the `outbox`
 * Notifier (every message stored in `notification_messages`, nothing
 * sent), an admin page to read them (Admin › Emails, `/admin/emails`), a
 * dashboard widget with the latest ones, and the staff sign-in alert sent
 * on `StaffSignedIn`.
 *
 * Setup: list it in `config/plugins.ts` with a sender, e.g.
 * `notifications({ from: env.get('MAIL_FROM') ?? 'Stockroom <no-reply@stockroom.local>' })`.
 * Env: `MAIL_FROM` (optional) sets the sender. Its migration runs with
 * the core ones (`node ace migration:run` or `stockroom:setup`).
 *
 * The SendGrid driver (`driver: 'sendgrid'`) is planned, not shipped yet:
 * choosing it stops boot with a message saying so.
 */
export default function notifications(options: NotificationsOptions) {
  return definePlugin<NotificationsSettings>({
    name: 'notifications',
    version: '0.1.0',
    compatibility: '^0.1.0',
    description: 'Email: an outbox readable in admin, and the staff sign-in alert',
    settings: { values: options, validator: notificationsSettingsValidator },
    migrations: new URL('./database/migrations/', import.meta.url),
    views: new URL('./views/', import.meta.url),

    register(ctx) {
      if (ctx.settings.driver === 'sendgrid') {
        throw new Error(
          'the sendgrid driver is not available yet; remove `driver` (or set it to "outbox") in config/plugins.ts'
        )
      }

      ctx.notifications.use('outbox', async () => {
        const { OutboxNotifier } = await import('./drivers/outbox_driver.js')
        return new OutboxNotifier({ from: ctx.settings.from })
      })

      ctx.events.listen({
        id: 'notifications.staff-signed-in',
        event: 'StaffSignedIn',
        async handle(payload, meta) {
          const { default: pluginHost } = await import('#services/plugin_host')
          const { sendStaffSignedInEmail } = await import('./listeners/staff_signed_in_listener.js')
          await sendStaffSignedInEmail(pluginHost.notifier(), payload, meta)
        },
      })
    },

    async boot(ctx) {
      const { middleware } = await import('#start/kernel')
      const EmailsController = () => import('./controllers/emails_controller.js')
      const router = ctx.router

      router
        .group(() => {
          router.get('emails', [EmailsController, 'index']).as('emails.index')
          router
            .get('emails/:id', [EmailsController, 'show'])
            .where('id', router.matchers.number())
            .as('emails.show')
        })
        .prefix('/admin')
        .as('admin')
        .use([middleware.staffAuth(), middleware.adminShell()])

      ctx.admin.nav({
        id: 'notifications.emails',
        label: 'Emails',
        href: '/admin/emails',
        order: 80,
        section: 'system',
        permission: 'settings.manage',
      })

      ctx.admin.widget({
        id: 'notifications.recent',
        title: 'Recent emails',
        view: 'notifications::widgets/recent_emails',
        data: async () => {
          const { latestMessages } = await import('./queries/notification_messages_query.js')
          return { messages: await latestMessages(5) }
        },
      })
    },
  })
}
