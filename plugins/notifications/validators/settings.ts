import vine from '@vinejs/vine'
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
      'The {{ field }} field must be an email address, optionally with a name: "Shop <no-reply@shop.example>"',
      'mailbox',
      field
    )
  }
})

/** Checked by the plugin host at boot; a bad value stops boot naming this plugin. */
export const notificationsSettingsValidator = vine.compile(
  vine.object({
    /** which Notifier is the default: `outbox` (stored, readable in admin) or `sendgrid` */
    driver: vine.enum(['outbox', 'sendgrid'] as const).optional(),
    /** sender of every email */
    from: vine.string().trim().maxLength(320).use(mailbox()),
  })
)

export type NotificationsSettings = Infer<typeof notificationsSettingsValidator>
