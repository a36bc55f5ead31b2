import vine from '#validators/vine'
import { operatorKeyed } from '#validators/messages'
import type { FieldContext } from '@vinejs/vine/types'
import { DateTime } from 'luxon'

/** An ISO 8601 date or date-time (read as UTC when it has no offset: see parseSince). */
const isoDate = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const parsed = DateTime.fromISO(value, { zone: 'utc' })
  if (!parsed.isValid) {
    field.report('The {{ field }} option must be an ISO 8601 date, such as 2025-01-31 or 2025-01-31T12:00:00Z', 'isoDate', field)
  }
})

/** Options of `stockroom export inventory|customers|orders`. */
export const exportOptionsValidator = operatorKeyed(vine.compile(
  vine.object({
    since: vine.string().trim().use(isoDate()).optional(),
  })
))

/** The instant a validated `--since` names: UTC unless it gives an offset. */
export function parseSince(value: string | undefined) {
  return value ? DateTime.fromISO(value, { zone: 'utc' }) : undefined
}
