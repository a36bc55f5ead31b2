import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import type { Infer } from '@vinejs/vine/types'

/**
 * One row of a customer file (`stockroom import customers`), after its
 * columns were matched (Shopify's or the simple generic names). Every field
 * but the email is optional: a column the file does not have leaves the
 * stored value alone, and a blank cell clears it. Lengths are the columns'.
 */
export const customerRowValidator = operatorKeyed(vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    firstName: vine.string().trim().maxLength(120).optional(),
    lastName: vine.string().trim().maxLength(120).optional(),
    phone: vine.string().trim().maxLength(40).optional(),
    acceptsMarketing: vine.boolean().optional(),
    company: vine.string().trim().maxLength(160).optional(),
    line1: vine.string().trim().maxLength(255).optional(),
    line2: vine.string().trim().maxLength(255).optional(),
    city: vine.string().trim().maxLength(120).optional(),
    region: vine.string().trim().maxLength(120).optional(),
    postalCode: vine.string().trim().maxLength(32).optional(),
    countryCode: vine
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/)
      .optional(),
    addressPhone: vine.string().trim().maxLength(40).optional(),
  })
))

export type CustomerRow = Infer<typeof customerRowValidator>
