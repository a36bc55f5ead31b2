import type { PluginHost } from '#plugin_host/host'
import type { EventName } from '#plugin_host/types'

/** Order events a shopper's order page shows (status, timeline, shipments). */
const ORDER_EVENTS = ['OrderPaid', 'PaymentFailed', 'OrderPacked', 'OrderFulfilled', 'OrderDelivered', 'OrderRefunded', 'OrderCancelled'] as const

/**
 * Publishes "changed" messages from domain events, as outbox listeners:
 * whichever process relays the event (the web process in embedded mode, a
 * worker in production) publishes, and the Redis transport carries it to
 * the process holding the shopper's stream. A message is only a nudge to
 * refetch, so a delivery is not retried for long: a late one is worthless.
 */
export function registerLiveUpdateListeners(host: PluginHost) {
  for (const event of ORDER_EVENTS satisfies readonly EventName[]) {
    host.listen({
      id: `core.live.${event}`,
      event,
      attempts: 2,
      backoffMs: 500,
      async handle(payload) {
        const { publishOrderChanged } = await import('#services/live_updates')
        await publishOrderChanged(payload.orderId)
      },
    })
  }
  host.listen({
    id: 'core.live.StockLow',
    event: 'StockLow',
    attempts: 2,
    backoffMs: 500,
    async handle() {
      const { publishDashboardChanged } = await import('#services/live_updates')
      publishDashboardChanged()
    },
  })
}
