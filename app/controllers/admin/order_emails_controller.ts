import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { staffActor } from '#services/actor'
import OrdersPolicy from '#policies/orders_policy'
import ResendOrderEmail, { EmailNotApplicableError } from '#actions/orders/resend_order_email'
import { resendOrderEmailValidator } from '#validators/order_email_resend'

const LABELS = { order_confirmation: 'Order confirmation', order_shipped: 'Shipped notice' } as const

/** Admin › Orders › #number › Emails: send the confirmation or a shipped notice again. */
export default class OrderEmailsController {
  async resend(ctx: HttpContext) {
    const { bouncer, params, request, response, session } = ctx
    // whoever works orders (ships or refunds) answers "I never got the email"; read-only roles do not
    await bouncer.with(OrdersPolicy).authorize('work')
    const orderId = Number(params.id)
    const page = `/admin/orders/${orderId}`
    const [error, input] = await resendOrderEmailValidator.tryValidate(request.all())
    if (error) {
      session.flash('error', 'Pick an email of this order to resend.')
      return response.redirect().status(303).toPath(`${page}#emails`)
    }
    try {
      await (await app.container.make(ResendOrderEmail)).handle(orderId, { template: input.template, fulfillmentId: input.fulfillment_id ?? null }, staffActor(ctx))
      session.flash('notice', `${LABELS[input.template]} queued to be sent again`)
    } catch (caught) {
      if (!(caught instanceof EmailNotApplicableError)) throw caught
      session.flash('error', caught.message)
    }
    return response.redirect().status(303).toPath(`${page}#emails`)
  }
}
