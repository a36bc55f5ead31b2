import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import type { DeliveryStatus } from '#models/outbox_delivery'

/** Every delivery status, in the order a delivery usually goes through them. */
export const deliveryStatuses = ['pending', 'running', 'retrying', 'failed', 'delivered'] as const satisfies readonly DeliveryStatus[]

/** Query-string filters of Admin › Event deliveries (all optional). */
export const eventDeliveryFiltersValidator = vine.compile(
  vine.object({
    status: vine.enum(deliveryStatuses).optional(),
    event: vine.string().trim().maxLength(100).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)

export type EventDeliveryFilters = Infer<typeof eventDeliveryFiltersValidator>
