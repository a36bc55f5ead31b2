import type { HttpContext } from '@adonisjs/core/http'
import Order from '#models/order'
import { startPayment, isPayable, OrderNotPayableError } from '#actions/payments/start_payment'
import { recordPaymentSucceeded } from '#actions/payments/record_payment_succeeded'
import { recordPaymentFailed } from '#actions/payments/record_payment_failed'
import { syncPaymentStatus } from '#actions/payments/sync_payment_status'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { manualOutcomeValidator } from '../validators/settings.js'
import { orderTokenParamsValidator, paymentReturnQueryValidator } from '../validators/pages.js'

/** The order a payment page is for; a malformed token is a 404 like an unknown one. */
async function orderFromParams(ctx: HttpContext) {
  const [error, valid] = await orderTokenParamsValidator.tryValidate(ctx.params)
  if (error) throw new lucidErrors.E_ROW_NOT_FOUND(Order)
  return Order.findByOrFail('public_token', valid.token)
}

/** The decline the manual driver's "Test a decline" button simulates. */
const TEST_DECLINE = 'Your card was declined (test decline). No money was taken; you can try again.'

/**
 * The payment page of an order (`/orders/:token/pay`, the token is the
 * order's unguessable public token): the order summary and the active
 * driver's payment step. Paid orders go to their status page.
 */
export default class PaymentPagesController {
  async show(ctx: HttpContext) {
    const order = await orderFromParams(ctx)
    if (!isPayable(order)) return this.#notPayable(ctx, order)

    let started
    try {
      started = await startPayment(order, { actor: await actorOf(ctx) })
    } catch (error) {
      if (error instanceof OrderNotPayableError) return this.#notPayable(ctx, order)
      ctx.logger.error({ err: error, orderId: order.id }, 'could not start the payment')
      ctx.response.status(503)
      return ctx.view.render('payments::pay', { order, lines: await order.related('lines').query(), unavailable: true })
    }
    return ctx.view.render('payments::pay', {
      order,
      lines: await order.related('lines').query(),
      payment: started.payment,
      clientData: started.clientData,
      driverView: started.driver.view,
      // Stripe sends the shopper back here after confirming (3-D Secure, wallets, redirects).
      returnUrl: `${ctx.request.protocol()}://${ctx.request.host()}${orderPath(order)}/pay/return`,
    })
  }

  /**
   * Back from the provider: the payment's state is read from the provider
   * itself, then the shopper sees the order (paid) or the payment page again.
   */
  async returned(ctx: HttpContext) {
    const order = await orderFromParams(ctx)
    let outcome: Awaited<ReturnType<typeof syncPaymentStatus>> = 'pending'
    try {
      outcome = await syncPaymentStatus(order)
    } catch (error) {
      // The webhook will still record it; the order page shows the current state.
      ctx.logger.warn({ err: error, orderId: order.id }, 'could not check the payment on return')
    }
    if (outcome === 'paid' || outcome === 'already_paid') {
      ctx.session.flash('notice', 'Payment received. Thank you for your order!')
      return ctx.response.redirect(orderPath(order))
    }
    await order.refresh()
    // Stripe's redirect_status only steers the shopper; it never marks anything.
    const [, returned] = await paymentReturnQueryValidator.tryValidate(ctx.request.qs())
    const declined = returned?.redirect_status === 'failed' || order.paymentStatus === 'failed'
    if (isPayable(order) && declined) {
      ctx.session.flash('error', 'The payment did not go through. No money was taken; you can try again.')
      return ctx.response.redirect(`${orderPath(order)}/pay`)
    }
    // Still processing at the provider: the order page shows it and updates once the webhook lands.
    return ctx.response.redirect(orderPath(order))
  }

  /** The manual driver's test step: records a success or a decline, no provider involved. */
  async manual(ctx: HttpContext) {
    const order = await orderFromParams(ctx)
    const { default: pluginHost } = await import('#services/plugin_host')
    // Only when manual is the active driver: a real shop must not take test payments.
    if ((await pluginHost.payment()).name !== 'manual') return ctx.response.notFound('Not found')
    const { outcome } = await ctx.request.validateUsing(manualOutcomeValidator)
    if (!isPayable(order)) return this.#notPayable(ctx, order)

    const actor = await actorOf(ctx)
    if (outcome === 'success') {
      const result = await recordPaymentSucceeded({ provider: 'manual', orderId: order.id, amount: order.total, actor })
      if (result === 'paid' || result === 'already_paid') {
        ctx.session.flash('notice', 'Payment received. Thank you for your order!')
        return ctx.response.redirect(orderPath(order))
      }
      ctx.session.flash('error', 'The payment could not be recorded. Please try again.')
    } else {
      await recordPaymentFailed({ provider: 'manual', orderId: order.id, reason: TEST_DECLINE, actor })
      ctx.session.flash('error', TEST_DECLINE)
    }
    return ctx.response.redirect(`${orderPath(order)}/pay`)
  }

  async #notPayable(ctx: HttpContext, order: Order) {
    if (['paid', 'partially_refunded', 'refunded'].includes(order.paymentStatus)) {
      return ctx.response.redirect(orderPath(order))
    }
    ctx.response.status(409)
    return ctx.view.render('payments::pay', { order, lines: await order.related('lines').query(), closed: true })
  }
}

function orderPath(order: Order) {
  return `/orders/${encodeURIComponent(order.publicToken)}`
}

async function actorOf(ctx: HttpContext) {
  try {
    const customer = await ctx.auth.use('customer').check()
    if (customer) return `customer:${ctx.auth.use('customer').user!.id}`
  } catch {}
  return 'shopper'
}
