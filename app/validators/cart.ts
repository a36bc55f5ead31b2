import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

/** Most of one variant a cart line may hold; stock clamps it further. */
export const MAX_LINE_QUANTITY = 99

/** Product page › Add to cart. */
export const addToCartValidator = vine.compile(
  vine.object({
    variantId: recordId(),
    quantity: vine.number().withoutDecimals().min(1).max(MAX_LINE_QUANTITY).optional(),
  })
)

/** Cart › quantity field of a line; 0 removes it. */
export const updateCartLineValidator = vine.compile(
  vine.object({ quantity: vine.number().withoutDecimals().min(0).max(MAX_LINE_QUANTITY) })
)

/** A discount code as typed: letters, digits, "-" and "_" (case is ignored when matching). */
export const discountCodeSchema = () =>
  vine
    .string()
    .trim()
    .minLength(2)
    .maxLength(64)
    .regex(/^[A-Za-z0-9_-]+$/)

/**
 * A two-letter country code, upper-cased. The shopper picks from the list
 * of #services/countries; the form check stays by shape, because zones and
 * tax rates may also use ISO's user-assigned codes (tests do).
 */
export const countryCodeSchema = () =>
  vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)

/** Cart › Discount code. */
export const discountCodeValidator = vine.compile(vine.object({ code: discountCodeSchema() }))

/** Cart › Estimate shipping: where it would go. */
export const shippingEstimateValidator = vine.compile(
  vine.object({
    countryCode: countryCodeSchema(),
    region: vine.string().trim().maxLength(120).optional(),
    postalCode: vine.string().trim().maxLength(32).optional(),
  })
)

export const shippingMethodValidator = vine.compile(
  vine.object({ shippingMethodId: recordId() })
)

export type AddToCartInput = Infer<typeof addToCartValidator>
export type ShippingEstimateInput = Infer<typeof shippingEstimateValidator>
