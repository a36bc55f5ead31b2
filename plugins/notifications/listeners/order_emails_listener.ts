import logger from '@adonisjs/core/services/logger'
import Fulfillment from '#models/fulfillment'
import FulfillmentLine from '#models/fulfillment_line'
import OrderLine from '#models/order_line'
import Order from '#models/order'
import type { Notifier } from '#plugin_host/extension_points/notifications'
import type { DomainEvents } from '#events/domain_events'
import { formatMoney } from '#services/money'
import { formatStoreDate } from '#services/store_time'
import { loadOrderView, type OrderEmailView } from '../emails/order_view.js'
import { renderEmail } from '../emails/render.js'

type Meta = { eventId: number; attempt: number }
type Sent = { id: string } | null

/*
| One function per order email. Each reads the order as it is now, renders
| the HTML and text parts, and sends with an idempotency key made of the
| email kind and the outbox event id: a redelivered event finds the email
| it already sent instead of sending a second one.
*/

/** OrderPaid → "Thank you for your order": lines, totals, addresses, link to the order. */
export async function sendOrderConfirmationEmail(
  notifier: Notifier,
  // a resend knows only the order: the email shows the order as it is now, not the payment
  payload: Pick<DomainEvents['OrderPaid'], 'orderId'> & Partial<DomainEvents['OrderPaid']>,
  meta: Meta,
  keyKind?: string
): Promise<Sent> {
  const order = await orderOrSkip(payload.orderId, 'order confirmation')
  if (!order) return null
  return send(notifier, order, meta, 'order_confirmation', `Order #${order.number} confirmed`, { order }, keyKind)
}

/** PaymentFailed → "Your payment didn't go through", with a link to try again. */
export async function sendPaymentFailedEmail(notifier: Notifier, payload: DomainEvents['PaymentFailed'], meta: Meta): Promise<Sent> {
  const order = await orderOrSkip(payload.orderId, 'payment failed')
  if (!order) return null
  return send(notifier, order, meta, 'payment_failed', `Payment for order #${order.number} didn't go through`, {
    order,
    reason: shopperReason(payload.reason),
  })
}

/** OrderFulfilled → "Your order is on its way", with the fulfillment's carrier and tracking. */
export async function sendOrderShippedEmail(
  notifier: Notifier,
  payload: DomainEvents['OrderFulfilled'],
  meta: Meta,
  keyKind?: string
): Promise<Sent> {
  const order = await orderOrSkip(payload.orderId, 'shipped')
  if (!order) return null
  const fulfillment = await Fulfillment.find(payload.fulfillmentId)
  const items = fulfillment ? await shippedItems(fulfillment.id) : []
  const shipment = {
    carrier: fulfillment?.carrier ?? null,
    trackingNumber: fulfillment?.trackingNumber ?? null,
    trackingUrl: safeLink(fulfillment?.trackingUrl),
    // the store's calendar day: a parcel shipped at 9 pm in New York did not ship "tomorrow"
    shippedAt: fulfillment?.shippedAt ? formatStoreDate(fulfillment.shippedAt) : null,
    items,
  }
  return send(notifier, order, meta, 'order_shipped', `Order #${order.number} is on its way`, { order, shipment }, keyKind)
}

/**
 * OrderEmailResendRequested → the same email again, as the order is now. The
 * key names the resend request's event, so each request sends one new
 * message and the original stays as it was.
 */
export async function resendOrderEmail(notifier: Notifier, payload: DomainEvents['OrderEmailResendRequested'], meta: Meta): Promise<Sent> {
  if (payload.template === 'order_confirmation') {
    return sendOrderConfirmationEmail(notifier, { orderId: payload.orderId }, meta, 'order-confirmation-resend')
  }
  if (payload.fulfillmentId === null) {
    logger.warn({ orderId: payload.orderId }, 'no shipped email resent: the request names no fulfillment')
    return null
  }
  return sendOrderShippedEmail(notifier, { orderId: payload.orderId, fulfillmentId: payload.fulfillmentId }, meta, 'order-shipped-resend')
}

/**
 * OrderRefunded → refund amount, whether it was the whole order, refunded
 * so far. "Refunded so far" is the order presenter's figure (refunds that
 * went through, as the order page shows it): a refund still pending at the
 * provider is not money back yet.
 */
export async function sendOrderRefundedEmail(notifier: Notifier, payload: DomainEvents['OrderRefunded'], meta: Meta): Promise<Sent> {
  const order = await orderOrSkip(payload.orderId, 'refunded')
  if (!order) return null
  const model = await Order.findOrFail(payload.orderId)
  const latest = await model.related('refunds').query().where('status', 'succeeded').orderBy('id', 'desc').first()
  return send(notifier, order, meta, 'order_refunded', `Refund for order #${order.number}`, {
    order,
    amount: formatMoney(payload.amount, payload.currency),
    refundedTotal: order.refunded.text,
    fullRefund: model.paymentStatus === 'refunded' || order.refunded.amount >= order.totalAmount,
    reason: latest?.reason ?? null,
  })
}

/** OrderCancelled → why, and whether the shopper was charged. */
export async function sendOrderCancelledEmail(notifier: Notifier, payload: DomainEvents['OrderCancelled'], meta: Meta): Promise<Sent> {
  const order = await orderOrSkip(payload.orderId, 'cancelled')
  if (!order) return null
  const model = await Order.findOrFail(payload.orderId)
  return send(notifier, order, meta, 'order_cancelled', `Order #${order.number} was cancelled`, {
    order,
    explanation: cancellationExplanation(payload.reason),
    wasPaid: model.countsAsSale,
  })
}

async function send(
  notifier: Notifier,
  order: OrderEmailView,
  meta: Meta,
  template: string,
  subject: string,
  data: Record<string, unknown>,
  keyKind = template.replace(/_/g, '-')
) {
  const { html, text } = await renderEmail(template, data)
  // whose email it is, so erasing that customer (CustomerErased) erases it too
  const owner = await Order.query().where('id', order.id).select('customer_id').first()
  return notifier.send({
    to: order.email,
    subject,
    html,
    text,
    template,
    idempotencyKey: `${keyKind}:${meta.eventId}`,
    customerId: owner?.customerId ?? null,
  })
}

async function orderOrSkip(orderId: number, kind: string) {
  const order = await loadOrderView(orderId)
  // a deleted order has nobody to tell; failing would only retry in vain
  if (!order) logger.warn({ orderId }, `no ${kind} email: order ${orderId} no longer exists`)
  return order
}

/** What each fulfillment line shipped, by the order line's title. */
async function shippedItems(fulfillmentId: number) {
  const rows = await FulfillmentLine.query().where('fulfillment_id', fulfillmentId).orderBy('id')
  if (rows.length === 0) return []
  const lines = await OrderLine.query().whereIn('id', rows.map((row) => row.orderLineId))
  const byId = new Map(lines.map((line) => [String(line.id), line]))
  return rows.map((row) => {
    const line = byId.get(String(row.orderLineId))
    const title = line ? [line.title, line.variantTitle && line.variantTitle !== 'Default' ? `(${line.variantTitle})` : ''].filter(Boolean).join(' ') : 'Item'
    return { quantity: row.quantity, title }
  })
}

/** Only http(s) tracking links go into an email; anything else is dropped. */
function safeLink(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol) ? url : null
  } catch {
    return null
  }
}

/** Payment providers' reasons are for staff; shoppers get a plain sentence, or nothing. */
function shopperReason(reason: string | undefined): string | null {
  if (!reason) return null
  const known: Record<string, string> = {
    card_declined: 'your card was declined',
    declined: 'your card was declined',
    insufficient_funds: 'your card has insufficient funds',
    expired_card: 'your card has expired',
    incorrect_cvc: 'the security code was incorrect',
    processing_error: 'the payment provider had a problem processing it',
    authentication_required: 'your bank asked for authentication that was not completed',
  }
  return known[reason] ?? (reason.length <= 120 && /^[\w .,'-]+$/.test(reason) ? reason : null)
}

function cancellationExplanation(reason: string): string {
  const known: Record<string, string> = {
    expired: 'we did not receive payment in time, so the reservation ran out.',
    payment_expired: 'we did not receive payment in time, so the reservation ran out.',
    customer: 'you asked us to cancel it.',
    customer_request: 'you asked us to cancel it.',
    'customer request': 'you asked us to cancel it.',
    out_of_stock: 'an item could not be supplied.',
    fraud: 'the payment could not be verified.',
  }
  return known[reason] ?? 'the store cancelled it. Reply to this email if you have questions.'
}
