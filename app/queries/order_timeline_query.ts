import type OrderEvent from '#models/order_event'

/** What each order event says to the shopper; types missing here are staff-only and not shown. */
const SHOPPER_TEXT: Record<string, (event: OrderEvent) => string> = {
  placed: () => 'Order placed',
  order_opened: () => 'Order confirmed',
  order_completed: () => 'Order completed',
  order_cancelled: (event) =>
    event.data?.reason === 'expired'
      ? 'Cancelled: payment was not completed in time, so the items were released'
      : `Cancelled${event.data?.reason ? `: ${event.data.reason}` : ''}`,
  payment_authorized: () => 'Payment authorized',
  payment_paid: () => 'Payment received',
  payment_failed: (event) => `Payment failed${event.data?.reason ? `: ${event.data.reason}` : ''}`,
  payment_retried: () => 'Payment retried',
  payment_voided: () => 'Payment voided',
  payment_refunded: () => 'Refund issued',
  order_packed: () => 'Packed',
  fulfillment_created: () => 'Shipped',
  order_delivered: () => 'Delivered',
}

export interface TimelineEntry {
  at: Date
  text: string
  type: string
}

/** The shopper-facing timeline of an order, oldest first. */
export function orderTimeline(events: OrderEvent[]): TimelineEntry[] {
  return events
    .filter((event) => SHOPPER_TEXT[event.type])
    .map((event) => ({ at: event.createdAt.toJSDate(), text: SHOPPER_TEXT[event.type](event), type: event.type }))
}
