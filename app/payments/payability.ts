import type Order from '#models/order'

/** Unpaid, not cancelled: the shopper may (re)try. */
export function isPayable(order: Order) {
  return order.status === 'pending' && (order.paymentStatus === 'pending' || order.paymentStatus === 'failed')
}

/** The money of this order arrived: its payment page sends the shopper to the order instead. */
export function isSettled(order: Order) {
  return order.countsAsSale
}

/** The order cannot take a payment now: it is paid, cancelled or being refunded. */
export class OrderNotPayableError extends Error {
  code = 'E_ORDER_NOT_PAYABLE'
  constructor(readonly order: Order) {
    super(`Order #${order.number} cannot be paid (status ${order.status}, payment ${order.paymentStatus})`)
  }
}
