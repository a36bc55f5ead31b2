import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { customerOrdersQuery } from '#queries/customer_orders_query'
import Reorder from '#actions/accounts/reorder'
import { accountOrdersPageValidator, orderTokenParamValidator } from '#validators/account'
import { loadShopperOrder, orderNotFound, renderOrderPage } from '#controllers/storefront/order_page_responder'

/**
 * Order history and re-order. Orders are listed only once the email is
 * confirmed: signing up claims the guest orders of an address, and those
 * must not be shown to someone who only typed that address.
 */
export default class AccountOrdersController {
  async index(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user!
    // A junk page number shows the first page rather than an error: it only comes from edited URLs.
    const [, query] = await accountOrdersPageValidator.tryValidate(ctx.request.qs())
    const page = query?.page ?? 1
    const orders = customer.emailVerifiedAt ? await customerOrdersQuery(customer).paginate(page, 20) : null
    orders?.baseUrl('/account/orders')
    return ctx.view.render('pages/storefront/account/orders', { customer, orders, section: 'orders' })
  }

  /** One of the customer's own orders, followed live; anyone else's is a 404 like a wrong token. */
  async show(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user!
    const [error, valid] = await orderTokenParamValidator.tryValidate(ctx.params)
    const order =
      error || !customer.emailVerifiedAt
        ? null
        : await loadShopperOrder(customerOrdersQuery(customer).where('public_token', valid.token))
    if (!order) throw orderNotFound()
    return renderOrderPage(ctx, order, {
      view: 'pages/storefront/account/order',
      url: `/account/orders/${encodeURIComponent(order.publicToken)}`,
      props: { customer, section: 'orders', accountPage: true },
    })
  }

  @inject()
  async reorder(ctx: HttpContext, reorder: Reorder) {
    const { params, response, session } = ctx
    const customer = ctx.auth.use('customer').user!
    const [error, valid] = await orderTokenParamValidator.tryValidate(params)
    const report = error || !customer.emailVerifiedAt ? null : await reorder.handle(ctx, customer, valid.token)
    if (!report) return response.notFound('Order not found')
    if (report.added.length) {
      const skipped = report.skipped.length ? ` Not available any more: ${report.skipped.join(', ')}.` : ''
      session.flash('notice', `Added to your cart: ${report.added.join(', ')}.${skipped}`)
      return response.redirect().status(303).toPath('/cart')
    }
    session.flash('error', 'None of the items of that order are available any more.')
    return response.redirect().status(303).toRoute('storefront.account.orders.index')
  }
}
