import app from '@adonisjs/core/services/app'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Order from '#models/order'
import PlaceOrder, { type PlaceOrderInput } from '#actions/checkout/place_order'
import StartPayment, { type StartPaymentOptions } from '#actions/payments/start_payment'
import RecordPaymentSucceeded, { type PaymentSucceededNotice } from '#actions/payments/record_payment_succeeded'
import RecordPaymentFailed, { type PaymentFailedNotice } from '#actions/payments/record_payment_failed'
import RefundOrder, { type RefundOptions } from '#actions/payments/refund_order'
import CancelOrderPayments from '#actions/payments/cancel_order_payments'
import HandlePaymentWebhook from '#actions/payments/handle_payment_webhook'
import type { PaymentDriver } from '#plugin_host/extension_points/payments'

/*
 * The checkout and payment actions as tests call them: each resolved from
 * the container at the call, so a port a test swapped is the one used.
 */

export async function placeOrder(input: PlaceOrderInput) {
  return (await app.container.make(PlaceOrder)).handle(input)
}

export async function startPayment(order: Order, options: StartPaymentOptions) {
  return (await app.container.make(StartPayment)).handle(order, options)
}

export async function recordPaymentSucceeded(notice: PaymentSucceededNotice) {
  return (await app.container.make(RecordPaymentSucceeded)).handle(notice)
}

export async function recordPaymentFailed(notice: PaymentFailedNotice) {
  return (await app.container.make(RecordPaymentFailed)).handle(notice)
}

export async function refundOrder(order: Order, options: RefundOptions) {
  return (await app.container.make(RefundOrder)).handle(order, options)
}

export async function cancelOrderPayments(order: Order, trx: TransactionClientContract) {
  return (await app.container.make(CancelOrderPayments)).handle(order, trx)
}

export async function handlePaymentWebhook(
  driver: PaymentDriver,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>
) {
  return (await app.container.make(HandlePaymentWebhook)).handle(driver, rawBody, headers)
}
