import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import { notificationStatuses } from '../models/notification_message.js'

/** Query-string filters of the admin email list (all optional). */
export const emailFiltersValidator = vine.compile(
  vine.object({
    status: vine.enum(notificationStatuses).optional(),
    template: vine.string().trim().maxLength(100).optional(),
    q: vine.string().trim().maxLength(320).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)

export type EmailFilters = Infer<typeof emailFiltersValidator>
