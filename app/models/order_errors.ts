import { plural } from '#services/plural'

/**
 * Refusals of the orders domain that callers (controllers, the CLI, the
 * bulk job) tell apart to answer staff in words. They live beside the
 * Order model because several use cases throw the same ones.
 */

/** The order cannot ship now (unpaid, refunded, cancelled, already fulfilled, nothing left); the message says why. */
export class OrderNotFulfillableError extends Error {
  code = 'E_ORDER_NOT_FULFILLABLE'
}

/** A line would ship more than is left of it (possibly because someone else shipped it meanwhile). */
export class OverFulfillmentError extends Error {
  code = 'E_OVER_FULFILLMENT'
  constructor(
    readonly orderLineId: number,
    /** what is still left to ship on that line, as the database says now */
    readonly remaining: number
  ) {
    super(`Only ${plural(remaining, 'unit')} of line ${orderLineId} ${remaining === 1 ? 'is' : 'are'} left to fulfil`)
  }
}
