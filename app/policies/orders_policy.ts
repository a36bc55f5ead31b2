import type { HttpContext } from '@adonisjs/core/http'

/** `note`: staff who work orders (refund or fulfil) may annotate them; read-only roles may not. */
export type OrdersAccess = 'read' | 'refund' | 'fulfill' | 'note'

const messages: Record<OrdersAccess, string> = {
  read: 'Orders need the orders.read permission. Ask a store owner.',
  refund: 'Refunding or cancelling orders needs the orders.refund permission. Ask a store owner.',
  fulfill: 'Fulfilling orders needs the orders.fulfill permission. Ask a store owner.',
  note: 'Adding notes needs the orders.fulfill or orders.refund permission. Ask a store owner.',
}

/**
 * Who may see and act on orders in the back-office. Buttons are hidden for
 * roles that lack the permission, but every orders route asks again here.
 * Answers true, having sent the 403, when the staff member may not.
 */
export async function denyOrdersAccess(ctx: Pick<HttpContext, 'auth' | 'response'>, access: OrdersAccess) {
  const staff = ctx.auth.use('staff').user!
  const allowed =
    access === 'note'
      ? (await staff.can('orders.fulfill')) || (await staff.can('orders.refund'))
      : await staff.can(`orders.${access}`)
  if (allowed) return false
  ctx.response.forbidden(messages[access])
  return true
}

/** What the signed-in staff member may do on order pages (for showing buttons). */
export async function ordersAbilities(ctx: Pick<HttpContext, 'auth'>) {
  const staff = ctx.auth.use('staff').user!
  const [refund, fulfill] = await Promise.all([staff.can('orders.refund'), staff.can('orders.fulfill')])
  return { refund, fulfill, note: refund || fulfill }
}
