import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import { DISCOUNT_KINDS } from '#models/discount'
import { SHIPPING_METHOD_KINDS } from '#models/shipping_method'
import { countryCodeSchema, discountCodeSchema } from '#validators/cart'

/** Money is typed in major units ("19.99"); actions store minor units. Blank means "not set". */
const money = () => vine.number().min(0).max(10_000_000).decimal([0, 2]).optional()
const count = () => vine.number().withoutDecimals().min(0).max(100_000_000).optional()
/** `<input type="datetime-local">`: "2026-12-01T09:00", wall-clock time in the store's zone (SaveDiscount reads it). */
const dateTime = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
    .optional()

/** Admin › Discounts › New / Edit. `value` is a percentage (12.5) or an amount (5.00) by kind. */
export const discountValidator = vine.compile(
  vine.object({
    code: discountCodeSchema(),
    kind: vine.enum(DISCOUNT_KINDS),
    value: vine.number().min(0).max(10_000_000).decimal([0, 2]).optional(),
    currency: vine
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/),
    minimumSubtotal: money(),
    startsAt: dateTime(),
    endsAt: dateTime(),
    usageLimit: count(),
    perCustomerLimit: vine.number().withoutDecimals().min(1).max(1_000_000).optional(),
    active: vine.boolean().optional(),
  })
)
export type DiscountInput = Infer<typeof discountValidator>

/** Admin › Shipping › Zone. Countries: "US, CA, MX", or "*" for everywhere else. */
export const shippingZoneValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    countries: vine.string().trim().minLength(1).maxLength(2000),
  })
)
export type ShippingZoneInput = Infer<typeof shippingZoneValidator>

/** Admin › Shipping › Method. Blank weight-tier rows are ignored. */
export const shippingMethodValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    kind: vine.enum(SHIPPING_METHOD_KINDS),
    amount: money(),
    perKgAmount: money(),
    freeOverAmount: money(),
    description: vine.string().trim().maxLength(255).optional(),
    position: vine.number().withoutDecimals().min(1).max(1000).optional(),
    active: vine.boolean().optional(),
    tiers: vine
      .array(
        vine.object({
          upToGrams: vine.number().withoutDecimals().min(1).max(10_000_000).optional(),
          amount: money(),
        })
      )
      .maxLength(20)
      .optional(),
  })
)
export type ShippingMethodInput = Infer<typeof shippingMethodValidator>

/** Admin › Tax rates. `rate` in percent (20, 7.25). */
export const taxRateValidator = vine.compile(
  vine.object({
    countryCode: countryCodeSchema(),
    region: vine.string().trim().maxLength(120).optional(),
    name: vine.string().trim().minLength(1).maxLength(120),
    rate: vine.number().min(0).max(100).decimal([0, 2]),
    pricesIncludeTax: vine.boolean().optional(),
    shippingTaxable: vine.boolean().optional(),
  })
)
export type TaxRateInput = Infer<typeof taxRateValidator>
