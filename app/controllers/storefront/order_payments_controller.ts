import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Order from '#models/order'
import StartPayment from '#actions/payments/start_payment'
import SyncPaymentStatus from '#actions/payments/sync_payment_status'
import ConfirmPaymentOnSite from '#actions/payments/confirm_payment_on_site'
import { isPayable, isSettled, OrderNotPayableError } from '#payments/payability'
import { orderTokenParamValidator } from '#validators/account'
import { paymentReturnQueryValidator } from '#validators/payments'
import { orderNotFound } from '#controllers/storefront/order_page_responder'
import { loadOrderSummary } from '#queries/order_summary_query'
import { allowContentSources } from '#services/content_security_policy'

const PAID_NOTICE = 'Payment received. Thank you for your order!'

/**
 * The payment page of an order (`storefront.orders.pay`, by the order's
 * unguessable public token): the order summary and the active driver's
 * payment step (`driver.view`, a plugin's template). Paid orders go to
 * their status page. Core owns this flow; plugins only provide drivers.
 */
export default class OrderPaymentsController {
  @inject()
  async show(ctx: HttpContext, startPayment: StartPayment) {
    const order = await orderFromParams(ctx)
    if (!isPayable(order)) return notPayable(ctx, order)

    let started
    try {
      started = await startPayment.handle(order, { actor: await actorOf(ctx) })
    } catch (error) {
      if (error instanceof OrderNotPayableError) return notPayable(ctx, order)
      ctx.logger.error({ err: error, orderId: order.id }, 'could not start the payment')
      ctx.response.status(503)
      return renderPayPage(ctx, order, { unavailable: true })
    }
    if (started.driver.contentSources) allowContentSources(ctx.response, started.driver.contentSources)
    return renderPayPage(ctx, order, {
      payment: started.payment,
      clientData: started.clientData,
      driverView: started.driver.view,
      // Providers send the shopper back here after confirming (3-D Secure, wallets, redirects).
      returnUrl: `${ctx.request.protocol()}://${ctx.request.host()}${router.makeUrl('storefront.orders.pay.return', { token: order.publicToken })}`,
    })
  }

  /**
   * Back from the provider: the payment's state is read from the provider
   * itself, then the shopper sees the order (paid) or the payment page again.
   */
  @inject()
  async returned(ctx: HttpContext, syncPaymentStatus: SyncPaymentStatus) {
    const order = await orderFromParams(ctx)
    let outcome: Awaited<ReturnType<SyncPaymentStatus['handle']>> = 'pending'
    try {
      outcome = await syncPaymentStatus.handle(order)
    } catch (error) {
      // The webhook will still record it; the order page shows the current state.
      ctx.logger.warn({ err: error, orderId: order.id }, 'could not check the payment on return')
    }
    if (outcome === 'paid' || outcome === 'already_paid') {
      ctx.session.flash('notice', PAID_NOTICE)
      return toOrder(ctx, order)
    }
    await order.refresh()
    // The provider's redirect_status only steers the shopper; it never marks anything.
    const [, returned] = await paymentReturnQueryValidator.tryValidate(ctx.request.qs())
    const declined = returned?.redirect_status === 'failed' || order.paymentStatus === 'failed'
    if (isPayable(order) && declined) {
      ctx.session.flash('error', 'The payment did not go through. No money was taken; you can try again.')
      return toPayPage(ctx, order)
    }
    // Still processing at the provider: the order page shows it and updates once the webhook lands.
    return toOrder(ctx, order)
  }

  /**
   * A payment step posted back to the shop (the manual test driver's
   * buttons). Not found unless the active driver confirms on site.
   */
  @inject()
  async manual(ctx: HttpContext, confirmPaymentOnSite: ConfirmPaymentOnSite) {
    const order = await orderFromParams(ctx)
    const result = await confirmPaymentOnSite.handle(order, ctx.request.all(), await actorOf(ctx))
    switch (result.outcome) {
      case 'unsupported':
        return ctx.response.notFound('Not found')
      case 'not_payable':
        return notPayable(ctx, order)
      case 'paid':
        ctx.session.flash('notice', PAID_NOTICE)
        return toOrder(ctx, order)
      case 'not_recorded':
        ctx.session.flash('error', 'The payment could not be recorded. Please try again.')
        return toPayPage(ctx, order)
      case 'declined':
        ctx.session.flash('error', result.reason)
        return toPayPage(ctx, order)
    }
  }
}

/** The order a payment page is for; a malformed token is a 404 like an unknown one. */
async function orderFromParams(ctx: HttpContext) {
  const [error, valid] = await orderTokenParamValidator.tryValidate(ctx.params)
  const order = error ? null : await Order.findBy('public_token', valid.token)
  if (!order) throw orderNotFound()
  return order
}

async function renderPayPage(ctx: HttpContext, order: Order, state: Record<string, unknown>) {
  return ctx.view.render('pages/storefront/orders/pay', { order, summary: await loadOrderSummary(order.id), ...state })
}

async function notPayable(ctx: HttpContext, order: Order) {
  if (isSettled(order)) return toOrder(ctx, order)
  ctx.response.status(409)
  return renderPayPage(ctx, order, { closed: true })
}

function toOrder(ctx: HttpContext, order: Order) {
  return ctx.response.redirect().toRoute('storefront.orders.show', { token: order.publicToken })
}

function toPayPage(ctx: HttpContext, order: Order) {
  return ctx.response.redirect().toRoute('storefront.orders.pay', { token: order.publicToken })
}

async function actorOf(ctx: HttpContext) {
  try {
    const customer = await ctx.auth.use('customer').check()
    if (customer) return `customer:${ctx.auth.use('customer').user!.id}`
  } catch {}
  return 'shopper'
}
