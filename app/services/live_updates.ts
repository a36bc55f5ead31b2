import { createHmac } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { ContainerBindings } from '@adonisjs/core/types'
import { appKey } from '#config/app'

/**
 * Live updates over Server-Sent Events (@adonisjs/transmit). Messages say
 * only that something changed; the page fetches its own fragment again
 * through the route that rendered it, which checks access as it always
 * does. So a message carries no personal data and a missed one costs
 * nothing but freshness (the client refetches after a reconnect too).
 */

/** The back-office dashboard: any signed-in, active staff member. */
export const DASHBOARD_CHANNEL = 'admin/dashboard'

/** Channel names a browser may ask for; anything else is refused before authorization runs. */
export const CHANNEL_PATTERN = /^(?:orders\/[A-Za-z0-9_-]{43}|admin\/dashboard)$/

/** Session key holding the order channels this session was shown an order page for. */
const GRANTS_KEY = 'live_order_channels'
const MAX_GRANTS = 20

/**
 * An order's channel: an HMAC of its public token under the app key. The
 * channel name reveals nothing that opens the order page, and cannot be
 * derived without the token.
 */
export function orderChannel(publicToken: string) {
  const key = createHmac('sha256', appKey.release()).update(`order-live:${publicToken}`).digest('base64url')
  return `orders/${key}`
}

/**
 * Lets this session subscribe to an order's channel. Called by the order
 * pages once they decided the visitor may see the order (the emailed link's
 * token, or the signed-in owner), so a subscription is never granted on
 * knowledge of the channel name alone.
 */
export function grantOrderChannel(session: HttpContext['session'], channel: string) {
  const granted: string[] = session.get(GRANTS_KEY, [])
  if (granted[0] === channel) return
  session.put(GRANTS_KEY, [channel, ...granted.filter((entry) => entry !== channel)].slice(0, MAX_GRANTS))
}

/** Who may listen to what; transmit asks on every subscribe request. */
export function authorizeLiveChannels(transmit: ContainerBindings['transmit']) {
  transmit.authorize<{ key: string }>('orders/:key', (ctx, { key }) =>
    (ctx.session?.get(GRANTS_KEY, []) as string[]).includes(`orders/${key}`)
  )
  transmit.authorize(DASHBOARD_CHANNEL, async (ctx) => {
    const guard = ctx.auth.use('staff')
    return (await guard.check()) && guard.user!.isActive
  })
}

/** Dashboard messages are coalesced per process: a bulk run must not make every open dashboard reload a thousand times. */
const DASHBOARD_COALESCE_MS = 250
let dashboardTimer: NodeJS.Timeout | undefined

async function broadcast(channel: string, payload: { type: string }) {
  const transmit = await app.container.make('transmit')
  transmit.broadcast(channel, payload)
}

/** Tells open dashboards to refresh, at most once per DASHBOARD_COALESCE_MS. */
export function publishDashboardChanged() {
  if (dashboardTimer) return
  dashboardTimer = setTimeout(() => {
    dashboardTimer = undefined
    void broadcast(DASHBOARD_CHANNEL, { type: 'dashboard.changed' })
  }, DASHBOARD_COALESCE_MS)
  dashboardTimer.unref?.()
}

/** Tells the order's open pages, and the dashboards, that the order changed. */
export async function publishOrderChanged(orderId: number) {
  const order = await db.from('orders').where('id', orderId).select('public_token').first()
  if (order) await broadcast(orderChannel(order.public_token), { type: 'order.changed' })
  publishDashboardChanged()
}
