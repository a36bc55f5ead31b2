import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import { COUNTRY_CODES } from '#services/countries'

const email = () => vine.string().trim().toLowerCase().email().maxLength(254)
/** New passwords: long rather than complicated (NIST 800-63B); typed twice. */
const newPassword = () => vine.string().minLength(12).maxLength(256).confirmed()
const currentPassword = () => vine.string().minLength(1).maxLength(512)
const personName = () => vine.string().trim().minLength(1).maxLength(120)
const phone = () => vine.string().trim().maxLength(40).regex(/^[+0-9 ()./-]*$/).optional()

export const signUpValidator = vine.compile(
  vine.object({
    email: email(),
    password: newPassword(),
    first_name: personName(),
    last_name: vine.string().trim().maxLength(120).optional(),
  })
)
export type SignUpInput = Infer<typeof signUpValidator>

export const accountSignInValidator = vine.compile(
  vine.object({
    email: email(),
    password: currentPassword(),
    next: vine.string().maxLength(2000).optional(),
  })
)

export const passwordResetRequestValidator = vine.compile(vine.object({ email: email() }))

export const passwordResetValidator = vine.compile(vine.object({ password: newPassword() }))

/** Route params holding an emailed token: 32 random bytes in base64url. */
export const tokenParamValidator = vine.compile(
  vine.object({ token: vine.string().regex(/^[A-Za-z0-9_-]{43}$/) })
)

export const profileValidator = vine.compile(
  vine.object({
    first_name: personName(),
    last_name: vine.string().trim().maxLength(120).optional(),
    phone: phone(),
  })
)
export type ProfileInput = Infer<typeof profileValidator>

export const changePasswordValidator = vine.compile(
  vine.object({ current_password: currentPassword(), password: newPassword() })
)

export const changeEmailValidator = vine.compile(
  vine.object({ email: email(), current_password: currentPassword() })
)

export const deleteAccountValidator = vine.compile(
  vine.object({ current_password: currentPassword(), confirm: vine.accepted() })
)


export const addressValidator = vine.compile(
  vine.object({
    first_name: personName(),
    last_name: personName(),
    company: vine.string().trim().maxLength(160).optional(),
    line1: vine.string().trim().minLength(1).maxLength(255),
    line2: vine.string().trim().maxLength(255).optional(),
    city: vine.string().trim().minLength(1).maxLength(120),
    region: vine.string().trim().maxLength(120).optional(),
    postal_code: vine.string().trim().toUpperCase().maxLength(32).regex(/^[A-Z0-9][A-Z0-9 -]{0,31}$/).optional(),
    country_code: vine.string().trim().toUpperCase().fixedLength(2).in([...COUNTRY_CODES]),
    phone: phone(),
    is_default_shipping: vine.boolean().optional(),
    is_default_billing: vine.boolean().optional(),
  })
)
export type AddressInput = Infer<typeof addressValidator>

/** Numeric ids in account routes (addresses). */
export const idParamValidator = vine.compile(vine.object({ id: recordId() }))

/** Order tokens in account routes (re-order). */
export const orderTokenParamValidator = vine.compile(
  vine.object({ token: vine.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/) })
)

/** `?page=` of the account's order history. */
export const accountOrdersPageValidator = vine.compile(
  vine.object({ page: vine.number().withoutDecimals().min(1).max(1000).optional() })
)
