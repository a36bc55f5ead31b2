import { recordId } from '#services/route_params'
import { definePlugin } from '#plugin_host/define_plugin'
import { Notifier } from '#plugin_host/extension_points/notifications'
import type { EventName } from '#plugin_host/types'
import { notificationsSettingsValidator, type NotificationsSettings } from './validators/settings.js'

export interface NotificationsOptions {
  /** default Notifier: `outbox` (default) keeps every email in the database; `sendgrid` sends them */
  driver?: 'outbox' | 'sendgrid'
  /** sender of every email: "Shop <no-reply@shop.example>" or a bare address */
  from: string
  /** the sendgrid driver's settings; `apiKey` is required when `driver` is `sendgrid` */
  sendgrid?: { apiKey?: string; baseUrl?: string; timeoutMs?: number }
  /** recipients of staff alerts (low stock); unset: active staff whose role has `inventory.write` */
  staffAlertsTo?: string[]
  /** email delivery retries (default 12 attempts, 5 s backoff doubling, each wait capped at an hour) */
  retry?: { attempts?: number; backoffMs?: number }
}

/** 12 attempts from 5 s, doubling, capped at an hour per wait: about 2.4 hours of outage only delays email. */
export const EMAIL_RETRY_ATTEMPTS = 12
export const EMAIL_RETRY_BACKOFF_MS = 5_000

type Send = (notifier: Notifier, payload: any, meta: { eventId: number; attempt: number }) => Promise<unknown>

const orderEmails = () => import('./listeners/order_emails_listener.js')

/** Every customer and staff email this plugin sends, by the event that triggers it. */
const EMAIL_LISTENERS: Array<{ id: string; event: EventName; send: Send }> = [
  {
    id: 'notifications.staff-signed-in',
    event: 'StaffSignedIn',
    send: async (...args) => (await import('./listeners/staff_signed_in_listener.js')).sendStaffSignedInEmail(...args),
  },
  { id: 'notifications.order-confirmation', event: 'OrderPaid', send: async (...args) => (await orderEmails()).sendOrderConfirmationEmail(...args) },
  { id: 'notifications.payment-failed', event: 'PaymentFailed', send: async (...args) => (await orderEmails()).sendPaymentFailedEmail(...args) },
  { id: 'notifications.order-shipped', event: 'OrderFulfilled', send: async (...args) => (await orderEmails()).sendOrderShippedEmail(...args) },
  { id: 'notifications.order-refunded', event: 'OrderRefunded', send: async (...args) => (await orderEmails()).sendOrderRefundedEmail(...args) },
  { id: 'notifications.order-cancelled', event: 'OrderCancelled', send: async (...args) => (await orderEmails()).sendOrderCancelledEmail(...args) },
  {
    id: 'notifications.order-email-resend',
    event: 'OrderEmailResendRequested',
    send: async (...args) => (await orderEmails()).resendOrderEmail(...args),
  },
]

/**
 * Notifications plugin: Stockroom's email. Two Notifier drivers: `outbox`
 * (every message stored in `notification_messages`, nothing sent; the
 * embedded default) and `sendgrid` (sent with `@sendgrid/mail`, a copy
 * kept in the same table). An admin page reads them (Admin › Emails,
 * `/admin/emails`), a dashboard widget shows the latest ones.
 *
 * Emails (Edge templates in views/emails, HTML and text parts): staff
 * sign-in alert, order confirmation, payment failed, shipped, refunded,
 * cancelled, and low stock to staff; the confirmation and shipped emails
 * again on staff request (admin order page, a new message each time).
 * Each is sent by an outbox listener,
 * i.e. a durable job retried with backoff, with an idempotency key made
 * from the event id, so an outage delays email and a redelivery never
 * duplicates it. CustomerErased erases the recipient and contents of
 * every message kept about that customer; no driver sends to an erased
 * (`.invalid`) address.
 *
 * Setup: list it in `config/plugins.ts` with a sender, e.g.
 * `notifications({ from: env.get('MAIL_FROM') ?? 'Stockroom <no-reply@stockroom.local>' })`,
 * plus `driver: 'sendgrid', sendgrid: { apiKey }` to send for real.
 * Env (read in config/plugins.ts): `MAIL_FROM`, `SENDGRID_API_KEY` (set:
 * the sendgrid driver), `SENDGRID_BASE_URL`, `SENDGRID_TIMEOUT_MS`.
 * Migrations run with the core ones (`node ace migration:run` or
 * `stockroom:setup`). See README.md in this folder.
 */
export default function notifications(options: NotificationsOptions) {
  return definePlugin<NotificationsSettings>({
    name: 'notifications',
    version: '0.1.0',
    compatibility: '^0.1.0',
    description: 'Email: order and staff emails through SendGrid or an outbox readable in admin',
    settings: { values: options, validator: notificationsSettingsValidator },
    migrations: new URL('./database/migrations/', import.meta.url),
    views: new URL('./views/', import.meta.url),

    register(ctx) {
      const settings = ctx.settings
      if (settings.driver === 'sendgrid') {
        const apiKey = settings.sendgrid?.apiKey
        if (!apiKey) {
          throw new Error('the sendgrid driver needs an API key: set SENDGRID_API_KEY (or `sendgrid.apiKey` in config/plugins.ts)')
        }
        // registered first, so it is the default Notifier
        ctx.notifications.use('sendgrid', async () => {
          const { SendGridNotifier } = await import('./drivers/sendgrid_driver.js')
          return new SendGridNotifier({ apiKey, from: settings.from, baseUrl: settings.sendgrid?.baseUrl, timeoutMs: settings.sendgrid?.timeoutMs })
        })
      }

      ctx.notifications.use('outbox', async () => {
        const { OutboxNotifier } = await import('./drivers/outbox_driver.js')
        return new OutboxNotifier({ from: settings.from })
      })

      const retry = {
        attempts: settings.retry?.attempts ?? EMAIL_RETRY_ATTEMPTS,
        backoffMs: settings.retry?.backoffMs ?? EMAIL_RETRY_BACKOFF_MS,
      }
      const notifier = () => ctx.app.container.make(Notifier)

      for (const listener of EMAIL_LISTENERS) {
        ctx.events.listen({
          id: listener.id,
          event: listener.event,
          ...retry,
          async handle(payload, meta) {
            await listener.send(await notifier(), payload, meta)
          },
        })
      }
      ctx.events.listen({
        id: 'notifications.customer-erased',
        event: 'CustomerErased',
        ...retry,
        async handle(payload) {
          const { eraseCustomerMessages } = await import('./listeners/customer_erased_listener.js')
          await eraseCustomerMessages(payload)
        },
      })
      ctx.events.listen({
        id: 'notifications.low-stock',
        event: 'StockLow',
        ...retry,
        async handle(payload, meta) {
          const { sendLowStockEmails } = await import('./listeners/low_stock_listener.js')
          await sendLowStockEmails(await notifier(), payload, meta, { staffAlertsTo: settings.staffAlertsTo })
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
            .where('id', recordId)
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
