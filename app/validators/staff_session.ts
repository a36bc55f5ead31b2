import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

/** Staff sign-in form. Emails are compared lower-cased. */
export const staffSessionValidator = vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    password: vine.string().minLength(1).maxLength(512),
    next: vine.string().trim().maxLength(2000).optional(),
  })
)

export type StaffSessionPayload = Infer<typeof staffSessionValidator>
