import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Order from '#models/order'
import type Payment from '#models/payment'
import OrderEvent from '#models/order_event'
import { canTransition, transitionOrder } from '#models/order_transitions'

/**
 * Moves the order's payment status after a refund settled: `refunded` once
 * the settled refunds cover the payment, `partially_refunded` before. An
 * order whose status cannot move (money that arrived after it was
 * cancelled) gets a `refund_recorded` event on its timeline instead.
 */
export async function applyRefundToOrder(
  trx: TransactionClientContract,
  refund: { id: number; amount: number },
  order: Order,
  payment: Payment,
  actor: string
) {
  const [{ settled }] = await trx
    .from('refunds')
    .where('payment_id', payment.id)
    .where('status', 'succeeded')
    .sum('amount as settled')
  const target = Number(settled ?? 0) >= payment.amount ? 'refunded' : 'partially_refunded'
  const data = { amount: refund.amount, refundId: refund.id, paymentId: payment.id }
  if (canTransition(order, 'payment_status', target)) {
    await transitionOrder(order, 'payment_status', target, { trx, actor, data })
  } else {
    await OrderEvent.create({ orderId: order.id, type: 'refund_recorded', data, actor }, { client: trx })
  }
}
