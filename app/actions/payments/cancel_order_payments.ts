import { inject } from '@adonisjs/core'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Order from '#models/order'
import Payment from '#models/payment'
import { dbTimestamp } from '#services/db_time'
import { PaymentsPort } from '#plugin_host/extension_points/payments'

/**
 * Voids the open payments of an order being cancelled or expired, inside
 * the cancelling transaction: each unpaid `payments` row becomes
 * `cancelled` and the provider is asked to cancel it (Stripe cancels the
 * PaymentIntent, so the shopper can no longer pay it). Paid payments are
 * left alone: refunding them is a separate, deliberate step.
 *
 * The provider call happens inside the caller's transaction; if it fails
 * the error propagates and the cancellation rolls back, to be retried.
 * A payment that succeeds at the provider anyway is caught by
 * RecordPaymentSucceeded as needing a refund. Returns how many were voided.
 */
@inject()
export default class CancelOrderPayments {
  constructor(private payments: PaymentsPort) {}

  async handle(order: Order, trx: TransactionClientContract): Promise<number> {
    const open = await Payment.query({ client: trx })
      .where('order_id', order.id)
      .whereIn('status', ['pending', 'failed', 'authorized'])
      .forUpdate()
    for (const payment of open) {
      if (payment.providerRef) await (await this.payments.driverNamed(payment.provider)).cancel(payment.providerRef)
      await trx
        .from('payments')
        .where('id', payment.id)
        .whereIn('status', ['pending', 'failed', 'authorized'])
        .update({ status: 'cancelled', updated_at: dbTimestamp(trx) })
    }
    return open.length
  }
}
