import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import type { FieldContext } from '@vinejs/vine/types'
import type { Infer } from '@vinejs/vine/types'

/** "no-reply@shop.example" or "Shop name <no-reply@shop.example>" */
export function parseMailbox(value: string): { name?: string; address: string } | null {
  const named = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(value)
  const address = named ? named[2] : value.trim()
  if (!vine.helpers.isEmail(address)) return null
  const name = named?.[1].replace(/^"(.*)"$/, '$1')
  return name ? { name, address } : { address }
}

const mailbox = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  if (!parseMailbox(value)) {
    field.report(
      'Set {{ field }} to an email address, optionally with a name: "Shop <no-reply@shop.example>"',
      'mailbox',
      field
    )
  }
})

/** Checked by the plugin host at boot; a bad value stops boot naming this plugin. */
export const notificationsSettingsValidator = operatorKeyed(vine.compile(
  vine.object({
    /** which Notifier is the default: `outbox` (stored, readable in admin) or `sendgrid` */
    driver: vine.enum(['outbox', 'sendgrid'] as const).optional(),
    /** sender of every email */
    from: vine.string().trim().maxLength(320).use(mailbox()),
    /** needed when `driver` is `sendgrid` (checked in the plugin's register) */
    sendgrid: vine
      .object({
        apiKey: vine.string().trim().minLength(1).optional(),
        /** a proxy or test stand-in instead of https://api.sendgrid.com/ */
        baseUrl: vine.string().trim().url({ require_tld: false, protocols: ['http', 'https'] }).optional(),
        timeoutMs: vine.number().withoutDecimals().min(100).max(120_000).optional(),
      })
      .optional(),
    /** who gets staff alerts (low stock); unset: active staff allowed to manage inventory */
    staffAlertsTo: vine.array(vine.string().trim().email()).optional(),
    /** email delivery retries: a provider outage up to about the sum of the backoffs only delays email */
    retry: vine
      .object({
        attempts: vine.number().withoutDecimals().min(1).max(50).optional(),
        backoffMs: vine.number().withoutDecimals().min(1).max(3_600_000).optional(),
      })
      .optional(),
  })
))

export type NotificationsSettings = Infer<typeof notificationsSettingsValidator>
