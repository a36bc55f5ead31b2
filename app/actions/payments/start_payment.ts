import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type Order from '#models/order'
import Payment from '#models/payment'
import { transitionOrder, OrderChangedError } from '#models/order_transitions'
import { dbTimestamp, affectedRows } from '#services/db_time'
import { isPayable, OrderNotPayableError } from '#payments/payability'
import { PaymentsPort, type PaymentDriver } from '#plugin_host/extension_points/payments'

export interface StartedPayment {
  payment: Payment
  driver: PaymentDriver
  /** what the driver's payment step needs in the browser */
  clientData: Record<string, unknown>
}

export interface StartPaymentOptions {
  actor: string
  /** another driver than the active one (tests, a shopper's choice) */
  driver?: PaymentDriver
  /**
   * The caller has just read or created this order (placing it): skip
   * reading it again. The payable check still runs on what it holds.
   */
  fresh?: boolean
}

/**
 * Opens (or reopens) the payment of an order with the active driver. A
 * failed payment goes back to pending first (the retry is on the order's
 * timeline). The attempt's `payments` row is reused while it can still be
 * paid, so reloading the page never makes a second provider payment; a new
 * attempt gets the next `order-<id>-attempt-<n>` idempotency key, unique in
 * the database and sent to the provider, so racing requests share one.
 * Throws OrderNotPayableError when the order cannot take a payment now.
 */
@inject()
export default class StartPayment {
  constructor(private payments: PaymentsPort) {}

  async handle(order: Order, options: StartPaymentOptions): Promise<StartedPayment> {
    if (!options.fresh) await order.refresh()
    if (!isPayable(order)) throw new OrderNotPayableError(order)
    const driver = options.driver ?? (await this.payments.driver())
    if (order.paymentStatus === 'failed') await retry(order, options.actor)

    // One read of the order's attempts (a handful at most) answers both questions
    // asked below: the newest reusable attempt, and how many attempts are over.
    const attempts = await Payment.query().where('order_id', order.id).orderBy('id', 'desc')
    const reusable = attempts.find((attempt) => isReusableBy(attempt, order, driver))
    if (reusable?.providerRef) {
      const current = await driver.retrieve(reusable.providerRef)
      if (current.status !== 'cancelled') {
        await reopen(reusable)
        return { payment: reusable, driver, clientData: current.clientData ?? {} }
      }
      await Payment.query().where('id', reusable.id).update({ status: 'cancelled', updated_at: dbTimestamp() })
      reusable.status = 'cancelled'
    }

    // a reusable attempt the provider cancelled (just marked so) counts as over
    const over = attempts.filter((attempt) => !isReusableBy(attempt, order, driver)).length
    const payment = reusable && !reusable.providerRef ? reusable : await newAttempt(order, driver, over)
    const created = await driver.createPayment({
      orderId: order.id,
      orderNumber: order.number,
      amount: payment.amount,
      currency: payment.currency,
      idempotencyKey: payment.idempotencyKey!,
      customerEmail: order.email,
    })
    // The same key gave every racing request the same provider payment.
    const stored = await Payment.query()
      .where('id', payment.id)
      .whereNull('provider_ref')
      .update({ provider_ref: created.providerRef, updated_at: dbTimestamp() })
    // Ours was the write: the row now holds what we just wrote, no need to read it back.
    if (affectedRows(stored) === 1 && !payment.providerRef) {
      payment.providerRef = created.providerRef
      payment.$hydrateOriginals()
    } else {
      await payment.refresh()
    }
    return { payment, driver, clientData: created.clientData ?? {} }
  }
}

/** A declined order the shopper tries again goes back to pending (on its timeline). */
async function retry(order: Order, actor: string) {
  try {
    await db.transaction((trx) => transitionOrder(order, 'payment_status', 'pending', { trx, actor, data: { reason: 'retry' } }))
  } catch (error) {
    // Another request retried first: the order is pending again either way.
    if (!(error instanceof OrderChangedError)) throw error
    await order.refresh()
    if (!isPayable(order)) throw new OrderNotPayableError(order)
  }
}

/** A declined attempt the shopper tries again is pending again. */
async function reopen(payment: Payment) {
  if (payment.status !== 'failed') return
  const updated = await Payment.query()
    .where('id', payment.id)
    .where('status', 'failed')
    .update({ status: 'pending', updated_at: dbTimestamp() })
  if (affectedRows(updated)) await payment.refresh()
}

/** An attempt the shopper can still pay with this driver: open, for the order's current total. */
function isReusableBy(payment: Payment, order: Order, driver: PaymentDriver) {
  return (
    payment.provider === driver.name &&
    (payment.status === 'pending' || payment.status === 'failed') &&
    Number(payment.amount) === Number(order.total) &&
    payment.currency === order.currency
  )
}

/**
 * `over`: the order's attempts that are over (or belong to another driver),
 * from the caller's read. The key is numbered after them, not after all
 * rows: requests racing past the reuse check compute the same key and share
 * one row.
 */
async function newAttempt(order: Order, driver: PaymentDriver, over: number): Promise<Payment> {
  const key = `order-${order.id}-attempt-${over + 1}`
  const now = dbTimestamp()
  await db
    .knexQuery()
    .table('payments')
    .insert({
      order_id: order.id,
      provider: driver.name,
      amount: order.total,
      currency: order.currency,
      status: 'pending',
      idempotency_key: key,
      amount_refunded: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict('idempotency_key')
    .ignore()
  return Payment.findByOrFail('idempotency_key', key)
}
