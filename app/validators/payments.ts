import vine from '#validators/vine'

/** What Stripe (or another provider) appends when it sends the shopper back; anything else is ignored. */
export const paymentReturnQueryValidator = vine.compile(
  vine.object({ redirect_status: vine.string().trim().maxLength(40).optional() })
)
