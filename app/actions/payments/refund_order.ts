import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Order from '#models/order'
import Payment from '#models/payment'
import Refund from '#models/refund'
import { applyRefundToOrder } from '#payments/apply_refund_to_order'
import { RefundFailedError, RefundNotAllowedError } from '#payments/refund_errors'
import { dbTimestamp, affectedRows } from '#services/db_time'
import { PaymentsPort, type PaymentDriver } from '#plugin_host/extension_points/payments'

export interface RefundOptions {
  /** minor units, > 0 */
  amount: number
  reason?: string | null
  /** "staff:12" */
  actor: string
  /** another driver than the one the payment was made with (tests) */
  driver?: PaymentDriver
}

/**
 * Refunds part or all of an order's paid payment. The money is first
 * reserved in the database with one conditional update
 * (`amount_refunded + n <= amount`), so concurrent refunds can never give
 * back more than was paid; then the provider is asked, with the refund's
 * id as idempotency key; then the refund is settled and the order's
 * payment status moves (with the amount on the order event). A provider
 * error gives the reservation back and throws RefundFailedError; nothing
 * refundable throws RefundNotAllowedError.
 */
@inject()
export default class RefundOrder {
  constructor(private payments: PaymentsPort) {}

  async handle(order: Order, options: RefundOptions): Promise<Refund> {
    const { amount, actor } = options
    if (!Number.isInteger(amount) || amount <= 0) throw new RefundNotAllowedError('The refund amount must be positive', 0)

    const { refund, payment } = await reserveRefund(order, amount, options.reason ?? null)
    let refundRef: string
    try {
      const driver = options.driver ?? (await this.payments.driverNamed(payment.provider))
      refundRef = (await driver.refund(payment.providerRef ?? '', amount, `refund-${refund.id}`)).refundRef
    } catch (error) {
      await giveBack(refund, payment, amount)
      throw new RefundFailedError(`The refund was not made: ${(error as Error).message}`, { cause: error })
    }

    await db.transaction(async (trx) => {
      const settled = await trx
        .from('refunds')
        .where('id', refund.id)
        .where('status', 'pending')
        .update({ status: 'succeeded', provider_ref: refundRef, updated_at: dbTimestamp(trx) })
      if (affectedRows(settled) !== 1) return
      const current = await Order.query({ client: trx }).where('id', order.id).forUpdate().firstOrFail()
      await applyRefundToOrder(trx, refund, current, payment, actor)
      order.paymentStatus = current.paymentStatus
    })
    await refund.refresh()
    return refund
  }
}

/** Reserves `amount` on the order's latest paid payment and opens a pending refund for it. */
async function reserveRefund(order: Order, amount: number, reason: string | null) {
  return db.transaction(async (trx) => {
    const paid = await Payment.query({ client: trx })
      .where('order_id', order.id)
      .where('status', 'paid')
      .orderBy('id', 'desc')
      .forUpdate()
      .first()
    if (!paid) throw new RefundNotAllowedError(`Order #${order.number} has no paid payment to refund`, 0)
    const reserved = await trx
      .from('payments')
      .where('id', paid.id)
      .where('status', 'paid')
      .whereRaw('amount_refunded + ? <= amount', [amount])
      .update({ amount_refunded: trx.knexRawQuery('amount_refunded + ?', [amount]), updated_at: dbTimestamp(trx) })
    if (affectedRows(reserved) !== 1) {
      const left = paid.amount - paid.amountRefunded
      throw new RefundNotAllowedError(`At most ${left} can still be refunded on order #${order.number}`, left)
    }
    const created = await Refund.create(
      { orderId: order.id, paymentId: paid.id, amount, reason, status: 'pending' },
      { client: trx }
    )
    return { refund: created, payment: paid }
  })
}

/** The provider did not refund: the refund fails and its reservation returns to the payment. */
async function giveBack(refund: Refund, payment: Payment, amount: number) {
  await db.transaction(async (trx) => {
    const marked = await trx
      .from('refunds')
      .where('id', refund.id)
      .where('status', 'pending')
      .update({ status: 'failed', updated_at: dbTimestamp(trx) })
    if (affectedRows(marked) === 1) {
      await trx
        .from('payments')
        .where('id', payment.id)
        .update({ amount_refunded: trx.knexRawQuery('amount_refunded - ?', [amount]), updated_at: dbTimestamp(trx) })
    }
  })
}
