import type { HttpContext } from '@adonisjs/core/http'
import Order from '#models/order'
import { isPayable } from '#actions/payments/start_payment'
import { orderTimeline } from '#actions/orders/order_timeline'

/**
 * The order status page a shopper reaches from the confirmation and the
 * emails: /orders/:token, where the token is the order's unguessable
 * public token (no numeric ids in shoppers' URLs).
 */
export default class OrdersController {
  async show({ params, view, response }: HttpContext) {
    const order = await Order.query()
      .where('public_token', String(params.token))
      .preload('lines')
      .preload('events')
      .firstOrFail()

    response.header('Cache-Control', 'private, no-store')
    return view.render('pages/storefront/orders/show', {
      order,
      timeline: orderTimeline(order.events),
      paid: ['paid', 'partially_refunded', 'refunded'].includes(order.paymentStatus),
      payable: isPayable(order),
    })
  }
}
