/** Nothing refundable: no paid payment, or more than what is left of it. */
export class RefundNotAllowedError extends Error {
  code = 'E_REFUND_NOT_ALLOWED'
  constructor(
    message: string,
    /** what can still be refunded, minor units */
    readonly refundable: number
  ) {
    super(message)
  }
}

/** The provider refused or could not be reached; nothing was refunded or recorded as refunded. */
export class RefundFailedError extends Error {
  code = 'E_REFUND_FAILED'
}
