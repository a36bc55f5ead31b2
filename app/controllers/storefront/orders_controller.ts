import type { HttpContext } from '@adonisjs/core/http'
import Order from '#models/order'
import { orderTokenParamValidator } from '#validators/account'
import { loadShopperOrder, orderNotFound, renderOrderPage } from '#controllers/storefront/order_page_responder'

/**
 * The order status page a shopper reaches from the confirmation and the
 * emails: /orders/:token, where the token is the order's unguessable
 * public token (no numeric ids in shoppers' URLs). It follows the order
 * live (docs/live-updates.md).
 */
export default class OrdersController {
  async show(ctx: HttpContext) {
    const [error, valid] = await orderTokenParamValidator.tryValidate(ctx.params)
    const order = error ? null : await loadShopperOrder(Order.query().where('public_token', valid.token))
    if (!order) throw orderNotFound()
    return renderOrderPage(ctx, order, {
      view: 'pages/storefront/orders/show',
      url: `/orders/${encodeURIComponent(order.publicToken)}`,
    })
  }
}
