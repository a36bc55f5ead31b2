import app from '@adonisjs/core/services/app'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import OrdersPolicy from '#policies/orders_policy'
import { staffActor } from '#services/actor'
import { renderOrderPage } from '#controllers/admin/orders_controller'
import { fieldErrors } from '#controllers/admin/form_errors'
import Order from '#models/order'
import { toMinorUnits, formatMoney } from '#services/money'
import RefundOrderByStaff from '#actions/orders/refund_order_by_staff'
import CancelOrderByStaff from '#actions/orders/cancel_order_by_staff'
import FulfillOrder from '#actions/orders/fulfill_order'
import { OrderNotFulfillableError, OverFulfillmentError } from '#models/order_errors'
import { OverRestockError } from '#models/order_restock'
import { OrderNotCancellableError } from '#actions/orders/cancel_order'
import { InvalidOrderTransitionError, OrderChangedError } from '#models/order_transitions'
import { RefundFailedError, RefundNotAllowedError } from '#payments/refund_errors'
import { cancelValidator, fulfillValidator, refundValidator, toLineQuantities, withLineLists } from '#validators/admin_order'
import { plural } from '#services/plural'
import { statusLabel } from '#services/status_labels'

const orderPath = (id: number) => `/admin/orders/${id}`

/**
 * The mutating forms of the order page: refund, cancel, fulfil. Each checks
 * its permission, validates with VineJS, runs one action (which writes the
 * audit entry), and answers with a flash message, or with the order page
 * and the error next to the form (422; 409 when the order moved meanwhile).
 */
export default class OrderActionsController {
  async refund(ctx: HttpContext) {
    const { bouncer, params, request, response, session } = ctx
    await bouncer.with(OrdersPolicy).authorize('refund')
    const order = await Order.findOrFail(params.id)
    const body = withLineLists(request.all(), 'restock')
    const [error, input] = await refundValidator.tryValidate(body)
    if (error) return renderOrderPage(ctx, order.id, { refund: fieldErrors(error) }, 422, body)
    const amount = toMinorUnits(input.amount, order.currency)
    try {
      const { refund, restocked } = await (await app.container.make(RefundOrderByStaff)).handle(
        order.id,
        { amount, reason: input.reason ?? null, restock: toLineQuantities(input.restock) },
        staffActor(ctx)
      )
      const units = restocked.reduce((sum, line) => sum + line.quantity, 0)
      session.flash('notice', `Refunded ${formatMoney(refund.amount, order.currency)}${units ? `, ${plural(units, 'unit')} restocked` : ''}`)
      return response.redirect().status(303).toPath(orderPath(order.id))
    } catch (caught) {
      const message =
        caught instanceof RefundNotAllowedError
          ? caught.refundable > 0
            ? `At most ${formatMoney(caught.refundable, order.currency)} can still be refunded.`
            : 'This order has no paid payment left to refund.'
          : caught instanceof OverRestockError
            ? 'You cannot restock more units than were ordered (minus those already restocked).'
            : caught instanceof RefundFailedError
              ? caught.message
              : null
      if (!message) throw caught
      return renderOrderPage(ctx, order.id, { refund: { [caught instanceof OverRestockError ? 'restock' : 'amount']: message } }, 422, body)
    }
  }

  async cancel(ctx: HttpContext) {
    const { bouncer, params, request, response, session } = ctx
    await bouncer.with(OrdersPolicy).authorize('refund')
    const id = Number(params.id)
    const body = request.all()
    const [error, input] = await cancelValidator.tryValidate(body)
    if (error) return renderOrderPage(ctx, id, { cancel: fieldErrors(error) }, 422, body)
    try {
      await (await app.container.make(CancelOrderByStaff)).handle(id, { reason: input.reason, refundRemaining: input.refund_remaining ?? false }, staffActor(ctx))
      session.flash('notice', 'Order cancelled')
      return response.redirect().status(303).toPath(orderPath(id))
    } catch (caught) {
      let message: string
      if (caught instanceof OrderNotCancellableError) {
        message = 'This order has been paid: refund it first, or tick "Refund the remaining amount" to refund and cancel together.'
      } else if (caught instanceof InvalidOrderTransitionError) {
        message = `This order cannot be cancelled any more (it is ${caught.from}).`
      } else if (caught instanceof OrderChangedError) {
        message = 'The order changed meanwhile; check it and try again.'
      } else if (caught instanceof RefundNotAllowedError || caught instanceof RefundFailedError) {
        message = caught.message
      } else throw caught
      return renderOrderPage(ctx, id, { cancel: { reason: message } }, caught instanceof OrderChangedError ? 409 : 422, body)
    }
  }

  @inject()
  async fulfill(ctx: HttpContext, fulfillOrder: FulfillOrder) {
    const { bouncer, params, request, response, session } = ctx
    await bouncer.with(OrdersPolicy).authorize('fulfill')
    const id = Number(params.id)
    const body = withLineLists(request.all(), 'lines')
    const [error, input] = await fulfillValidator.tryValidate(body)
    if (error) return renderOrderPage(ctx, id, { fulfill: fieldErrors(error) }, 422, body)
    const lines = toLineQuantities(input.lines)
    if (!lines.length) return renderOrderPage(ctx, id, { fulfill: { lines: 'Enter a quantity for at least one line.' } }, 422, body)
    try {
      const { order } = await fulfillOrder.handle(
        id,
        { lines, carrier: input.carrier, trackingNumber: input.tracking_number, trackingUrl: input.tracking_url },
        staffActor(ctx)
      )
      const units = lines.reduce((sum, line) => sum + line.quantity, 0)
      session.flash('notice', `Fulfilled ${plural(units, 'unit')}; the order is now ${statusLabel(order.fulfillmentStatus).toLowerCase()}`)
      return response.redirect().status(303).toPath(orderPath(id))
    } catch (caught) {
      if (caught instanceof OverFulfillmentError) {
        const message = `Only ${plural(caught.remaining, 'unit')} of this line ${caught.remaining === 1 ? 'is' : 'are'} left to fulfil.`
        const index = (input.lines ?? []).findIndex((entry) => entry.id === caught.orderLineId)
        return renderOrderPage(ctx, id, { fulfill: { [`lines.${index}.quantity`]: message } }, 409, body)
      }
      if (caught instanceof OrderNotFulfillableError) {
        // the ship rule refused the whole order: the fulfil form is not on its page, so the message goes in the flash
        session.flash('error', `${caught.message}.`)
        return response.redirect().status(303).toPath(orderPath(id))
      }
      if (caught instanceof OrderChangedError) {
        return renderOrderPage(ctx, id, { fulfill: { lines: caught.message } }, 409, body)
      }
      throw caught
    }
  }
}
