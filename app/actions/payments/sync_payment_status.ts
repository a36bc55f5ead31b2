import { inject } from '@adonisjs/core'
import type Order from '#models/order'
import Payment from '#models/payment'
import RecordPaymentSucceeded, { type PaymentSucceededOutcome } from '#actions/payments/record_payment_succeeded'
import { PaymentsPort } from '#plugin_host/extension_points/payments'

/**
 * When the shopper comes back from the provider (Stripe's return URL), asks
 * the provider, server to server, how the order's latest payment stands and
 * records a success at once, so the order page does not wait for the
 * webhook. The webhook arriving later finds the payment already paid. The
 * browser's word (query parameters) is never trusted.
 */
@inject()
export default class SyncPaymentStatus {
  constructor(
    private payments: PaymentsPort,
    private recordPaymentSucceeded: RecordPaymentSucceeded
  ) {}

  async handle(order: Order): Promise<PaymentSucceededOutcome | 'pending'> {
    const payment = await Payment.query()
      .where('order_id', order.id)
      .whereNotNull('provider_ref')
      .orderBy('id', 'desc')
      .first()
    if (!payment?.providerRef) return 'pending'
    if (payment.status === 'paid') return 'already_paid'
    const current = await (await this.payments.driverNamed(payment.provider)).retrieve(payment.providerRef)
    if (current.status !== 'paid' || current.amountReceived === undefined) return 'pending'
    return this.recordPaymentSucceeded.handle({
      provider: payment.provider,
      providerRef: payment.providerRef,
      amount: current.amountReceived,
      actor: `return:${payment.provider}`,
    })
  }
}
