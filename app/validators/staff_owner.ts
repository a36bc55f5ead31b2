import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import type { Infer } from '@vinejs/vine/types'

/** A new owner account from the CLI. Emails are stored lower-cased, as sign-in compares them. */
export const staffOwnerValidator = operatorKeyed(vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    fullName: vine.string().trim().minLength(1).maxLength(160),
    password: vine.string().minLength(12).maxLength(512).optional(),
  })
))

export type StaffOwnerPayload = Infer<typeof staffOwnerValidator>

/** A new staff member from the CLI, with a role slug. */
export const staffUserValidator = operatorKeyed(vine.compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    fullName: vine.string().trim().minLength(1).maxLength(160),
    role: vine.string().trim().regex(/^[a-z0-9_]+$/).maxLength(64),
    password: vine.string().minLength(12).maxLength(512).optional(),
  })
))

/** A replacement password from the CLI: given, or generated when absent. */
export const staffPasswordValidator = operatorKeyed(vine.compile(
  vine.object({ password: vine.string().minLength(12).maxLength(512).optional() })
))
