import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

/** A policy's plain text: long enough for real terms of service; no NUL bytes (PostgreSQL refuses them). */
const policyText = () =>
  vine
    .string()
    .trim()
    .maxLength(20_000)
    .regex(/^[^\u0000]*$/)
    .optional()

/** Admin › Settings › Policies: every policy in one form; a blank one has no page. */
export const storePoliciesValidator = vine.compile(
  vine.object({
    refund_policy: policyText(),
    shipping_policy: policyText(),
    privacy_policy: policyText(),
    terms_of_service: policyText(),
    contact_information: policyText(),
  })
)
export type StorePoliciesInput = Infer<typeof storePoliciesValidator>
