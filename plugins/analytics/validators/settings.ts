import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import type { FieldContext, Infer } from '@vinejs/vine/types'

/** Whether the runtime knows this IANA zone ("Europe/Paris", "UTC"). */
export function isTimeZone(value: string) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

const timeZone = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value === 'string' && !isTimeZone(value)) {
    field.report('Set {{ field }} to an IANA time zone such as "Europe/Paris"', 'timeZone', field)
  }
})

/** Checked by the plugin host at boot; a bad value stops boot naming this plugin. Defaults come from the factory. */
export const analyticsSettingsValidator = operatorKeyed(vine.compile(
  vine.object({
    /** the store's time zone: a sale belongs to the calendar day it was paid on there */
    timezone: vine.string().trim().use(timeZone()),
    /** the currency the dashboard shows first (ISO 4217) */
    currency: vine
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/),
  })
))

export type AnalyticsSettings = Infer<typeof analyticsSettingsValidator>
