import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type Order from '#models/order'
import type Fulfillment from '#models/fulfillment'
import { isPayable } from '#payments/payability'
import { orderTimeline } from '#queries/order_timeline_query'
import { presentOrderSummary } from '#queries/order_summary_query'
import { grantOrderChannel, orderChannel } from '#services/live_updates'
import { shopperStatusLabel } from '#services/status_labels'

/** The id of the live part of an order page: its htmx requests target it. */
export const ORDER_STATUS_TARGET = 'order-status-live'

/** The one order a shopper may see, with what the page shows. Null when there is none. */
export function loadShopperOrder(query: ModelQueryBuilderContract<typeof Order>) {
  return query
    .preload('lines')
    .preload('refunds')
    .preload('events')
    .preload('fulfillments', (fulfillments) => fulfillments.orderBy('id'))
    .first()
}

/** The shopper's 404 page: the same answer for a wrong token and someone else's order. */
export function orderNotFound() {
  return new Exception('Order not found', { status: 404, code: 'E_ORDER_NOT_FOUND' })
}

/** A tracking link only when it is a web address: staff type it, shoppers click it. */
function safeTrackingUrl(fulfillment: Fulfillment) {
  const url = fulfillment.trackingUrl ?? ''
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null
}

/** The progress steps across the top, in the order a parcel lives them; `current` is the last one done. */
function progress(order: Order, paid: boolean) {
  const shipped = order.fulfillmentStatus !== 'unfulfilled'
  // a parcel shipped without the packed step (CLI, bulk run) was packed all the same
  const packed = shipped || order.events.some((event) => event.type === 'order_packed')
  const steps = [
    { label: 'Placed', done: true },
    { label: 'Paid', done: paid },
    { label: 'Packed', done: packed },
    { label: order.fulfillmentStatus === 'partially_fulfilled' ? shopperStatusLabel('shipping', 'partially_fulfilled') : 'Shipped', done: shipped },
    { label: 'Delivered', done: order.fulfillmentStatus === 'delivered' },
  ]
  const current = steps.findLastIndex((step) => step.done)
  return steps.map((step, index) => ({ ...step, current: index === current }))
}

/**
 * An order page (the emailed link or the account's), or for htmx only its
 * live part, which the page refetches when its live channel says the order
 * changed. The account's page passes `accountPage: true` in props: its
 * heading is the order's number, date and state rather than the thanks of
 * the confirmation a shopper lands on after paying. Rendering the page lets
 * this session subscribe to that channel. Private: never cached by anyone.
 */
export function renderOrderPage(
  ctx: HttpContext,
  order: Order,
  page: { view: string; url: string; props?: Record<string, unknown> }
) {
  const { htmx, response, view, session } = ctx
  htmx.vary()
  response.header('Cache-Control', 'private, no-store')
  const liveChannel = orderChannel(order.publicToken)
  grantOrderChannel(session, liveChannel)

  const paid = order.countsAsSale
  const paymentWords = shopperStatusLabel('payment', order.paymentStatus)
  const shippingWords = shopperStatusLabel('shipping', order.fulfillmentStatus)
  const state = {
    order,
    summary: presentOrderSummary(order, order.lines, order.refunds),
    paid,
    payable: isPayable(order),
    timeline: orderTimeline(order.events).reverse(),
    steps: progress(order, paid),
    paymentWords,
    shippingWords,
    // where the order is now, in one phrase: until a parcel leaves that is the payment, then the shipping
    stateWords:
      order.status === 'cancelled' ? 'Cancelled' : order.fulfillmentStatus === 'unfulfilled' ? paymentWords : shippingWords,
    shipments: order.fulfillments.map((fulfillment) => ({ fulfillment, trackingUrl: safeTrackingUrl(fulfillment) })),
    liveChannel,
    liveTarget: ORDER_STATUS_TARGET,
    pageUrl: page.url,
    ...page.props,
  }
  if (htmx.wantsFragment(ORDER_STATUS_TARGET)) {
    return view.render('pages/storefront/orders/_status', { ...state, announce: true })
  }
  return view.render(page.view, { ...state, announce: false })
}
