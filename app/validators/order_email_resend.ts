import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

export const RESENDABLE_TEMPLATES = ['order_confirmation', 'order_shipped'] as const

/** The "Resend" buttons of the admin order page: which email, and for a shipped notice which shipment. */
export const resendOrderEmailValidator = vine.compile(
  vine.object({
    template: vine.enum(RESENDABLE_TEMPLATES),
    fulfillment_id: recordId().optional().requiredWhen('template', '=', 'order_shipped'),
  })
)

export type ResendOrderEmailInput = Infer<typeof resendOrderEmailValidator>
