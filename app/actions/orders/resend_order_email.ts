import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import OrderEvent from '#models/order_event'
import { countsAsSale } from '#models/order_rules'
import type { DomainEvents } from '#events/domain_events'
import { recordEvent } from '#plugin_host/outbox'
import { recordAudit } from '#services/audit_log'
import { actorLabel, type Actor } from '#services/actor'

export type ResendableTemplate = DomainEvents['OrderEmailResendRequested']['template']

export class EmailNotApplicableError extends Error {}

/** The emails staff may resend for this order: the confirmation once paid, a shipped notice per fulfillment. */
function resendableEmails(order: Pick<Order, 'paymentStatus'> & { fulfillments?: Array<{ id: number }> }) {
  const emails: Array<{ template: ResendableTemplate; fulfillmentId: number | null }> = []
  // the shopper has had the confirmation (and may ask for it again) once the order counts as a sale
  if (countsAsSale(order)) emails.push({ template: 'order_confirmation', fulfillmentId: null })
  for (const fulfillment of order.fulfillments ?? []) emails.push({ template: 'order_shipped', fulfillmentId: Number(fulfillment.id) })
  return emails
}

/**
 * Queues an order email again. It raises OrderEmailResendRequested, never
 * OrderPaid or OrderFulfilled again: analytics and webhooks listen to those
 * and would count the sale or shipment twice. The timeline entry, the audit
 * row and the event are written together, so each resend that happened has
 * exactly one email queued for it.
 */
@inject()
export default class ResendOrderEmail {
  async handle(
    orderId: number,
    request: { template: ResendableTemplate; fulfillmentId?: number | null },
    actor: Actor
  ) {
    return db.transaction(async (trx) => {
      const order = await Order.query({ client: trx })
        .where('id', orderId)
        .preload('fulfillments', (query) => query.select('id', 'order_id'))
        .firstOrFail()
      const fulfillmentId = request.template === 'order_shipped' ? (request.fulfillmentId ?? null) : null
      const applies = resendableEmails(order).some(
        (email) => email.template === request.template && email.fulfillmentId === fulfillmentId
      )
      if (!applies) {
        throw new EmailNotApplicableError(
          request.template === 'order_confirmation'
            ? 'The order confirmation goes out once the order is paid.'
            : 'Pick a shipment of this order to resend its shipped notice.'
        )
      }

      const email = { template: request.template, fulfillmentId }
      await OrderEvent.create(
        { orderId, type: 'email_resent', data: email, actor: actorLabel(actor) },
        { client: trx }
      )
      await recordAudit(
        { actor, action: 'order.email_resent', subjectType: 'order', subjectId: orderId, changes: { emailResent: [null, email] } },
        trx
      )
      return recordEvent('OrderEmailResendRequested', { orderId, ...email, requestedBy: actor.id ?? null }, trx)
    })
  }
}
