import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import type { FieldContext } from '@vinejs/vine/types'
import { COUNTRIES, COUNTRY_CODES } from '#services/countries'

/** The country list lives in #services/countries; checkout re-exports it for its pages. */
export { COUNTRIES }

/** Countries without postal codes: the field is optional there. */
const NO_POSTAL_CODE = new Set(['AE', 'AG', 'AO', 'BS', 'BZ', 'CW', 'FJ', 'GD', 'GH', 'HK', 'JM', 'KI', 'MO', 'QA', 'SR', 'TV', 'UG', 'YE', 'ZW'])

/** Postal code formats of the countries most shops ship to; others get a loose check. */
const POSTAL_FORMATS: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  ES: /^\d{5}$/,
  IT: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/,
  BE: /^\d{4}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  AU: /^\d{4}$/,
  NZ: /^\d{4}$/,
  SE: /^\d{3} ?\d{2}$/,
  DK: /^\d{4}$/,
  NO: /^\d{4}$/,
  IE: /^[A-Z]\d[\dW] ?[A-Z\d]{4}$/,
  JP: /^\d{3}-?\d{4}$/,
  PT: /^\d{4}-\d{3}$/,
  PL: /^\d{2}-\d{3}$/,
}
const LOOSE_POSTAL = /^[A-Z0-9][A-Z0-9 -]{1,10}$/

const countryCode = vine.createRule((value, _options, field: FieldContext) => {
  if (typeof value !== 'string') return
  if (!COUNTRY_CODES.has(value)) field.report('Choose a country from the list', 'checkoutCountryCode', field)
})

/** Postal code required and well-formed for the chosen country (reads the sibling country_code). */
const postalCodeFor = vine.createRule((value, _options, field: FieldContext) => {
  const country = String(field.parent?.country_code ?? '').toUpperCase()
  const code = typeof value === 'string' ? value.trim().toUpperCase() : ''
  if (!code) {
    if (!NO_POSTAL_CODE.has(country)) field.report('Enter a postal code', 'checkoutPostalCodeRequired', field)
    return
  }
  const format = POSTAL_FORMATS[country] ?? LOOSE_POSTAL
  if (!format.test(code)) field.report('Enter a valid postal code for the chosen country', 'checkoutPostalCodeFormat', field)
  field.mutate(code, field)
}, { implicit: true })

const name = () => vine.string().trim().minLength(1).maxLength(120)
const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()

/** Checkout step 1: contact email and shipping address (or a saved address of the signed-in customer). */
export const checkoutDetailsValidator = vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    first_name: name(),
    last_name: name(),
    company: optionalText(160),
    line1: vine.string().trim().minLength(1).maxLength(255),
    line2: optionalText(255),
    city: vine.string().trim().minLength(1).maxLength(120),
    region: optionalText(120),
    postal_code: vine.string().trim().maxLength(32).use(postalCodeFor()).optional(),
    country_code: vine.string().trim().toUpperCase().fixedLength(2).use(countryCode()),
    phone: vine.string().trim().maxLength(40).regex(/^[+0-9 ()./-]*$/).optional(),
  })
)
export type CheckoutDetails = Infer<typeof checkoutDetailsValidator>

/** Picking a saved address instead of typing one. */
export const savedAddressValidator = vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    address_id: recordId(),
  })
)

/** Checkout step 2. */
export const checkoutShippingValidator = vine.compile(
  vine.object({
    shipping_method_id: recordId(),
  })
)

/** The htmx summary for a shipping choice not saved yet; no choice shows the cheapest. */
export const checkoutSummaryValidator = vine.compile(
  vine.object({
    shipping_method_id: recordId().optional(),
  })
)

/** The "Place order" form of the review. */
export const placeOrderValidator = vine.compile(
  vine.object({
    checkout_token: vine.string().trim().regex(/^[A-Za-z0-9_-]{16,64}$/),
    expected_total: vine.number().withoutDecimals().min(0),
  })
)

/** Customer sign-in at checkout. */
export const customerSessionValidator = vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    password: vine.string().minLength(1).maxLength(512),
  })
)
