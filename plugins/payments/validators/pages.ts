import vine from '@vinejs/vine'

/** `:token` of the payment pages: an order's public token, nothing else reaches a query. */
export const orderTokenParamsValidator = vine.compile(
  vine.object({ token: vine.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/) })
)

/** What Stripe appends when it sends the shopper back; anything else is ignored. */
export const paymentReturnQueryValidator = vine.compile(
  vine.object({ redirect_status: vine.string().trim().maxLength(40).optional() })
)
