import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import type { Infer } from '@vinejs/vine/types'

/** Checked by the plugin host at boot; a bad value stops boot naming this plugin. */
export const paymentsSettingsValidator = operatorKeyed(vine.compile(
  vine.object({
    /** the active driver: `manual` (test step, no network) or `stripe` */
    driver: vine.enum(['manual', 'stripe'] as const),
    stripe: vine
      .object({
        secretKey: vine.string().trim().regex(/^(sk|rk)_/),
        publishableKey: vine.string().trim().regex(/^pk_/),
        webhookSecret: vine.string().trim().regex(/^whsec_/),
        /** another API origin, only for tests and local stand-ins */
        apiBase: vine.string().trim().url({ require_tld: false }).optional(),
        maxNetworkRetries: vine.number().withoutDecimals().range([0, 5]).optional(),
      })
      .optional()
      .requiredWhen('driver', '=', 'stripe'),
  })
))

export type PaymentsSettings = Infer<typeof paymentsSettingsValidator>

/** How the shopper chose a test outcome on the manual driver's step. */
export const manualOutcomeValidator = vine.compile(
  vine.object({
    outcome: vine.enum(['success', 'decline'] as const),
  })
)
