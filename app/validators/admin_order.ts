import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

import { FULFILLMENT_STATUSES, ORDER_STATUSES, PAYMENT_STATUSES } from '#models/order_rules'

// the filter menus list the statuses the order model defines
export { FULFILLMENT_STATUSES, ORDER_STATUSES, PAYMENT_STATUSES }
export const orderSorts = ['-placed', 'placed', '-total', 'total', '-number', 'number'] as const

/** Admin › Orders filters, from the query string (blank fields are dropped before validation). */
export const orderFiltersValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(120).optional(),
    status: vine.enum(ORDER_STATUSES).optional(),
    payment: vine.enum(PAYMENT_STATUSES).optional(),
    fulfillment: vine.enum(FULFILLMENT_STATUSES).optional(),
    from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
    to: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
    customer: recordId().optional(),
    total_min: vine.number().decimal([0, 2]).min(0).max(10_000_000).optional(),
    total_max: vine.number().decimal([0, 2]).min(0).max(10_000_000).optional(),
    tag: vine.string().trim().toLowerCase().maxLength(40).optional(),
    discount: vine.string().trim().toUpperCase().maxLength(64).optional(),
    sort: vine.enum(orderSorts).optional(),
    page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  })
)
export type OrderFilters = Infer<typeof orderFiltersValidator>

/**
 * Units per line, as the forms post them: `lines[0][id]=12&lines[0][quantity]=2`,
 * one entry per order line (dense indexes, so errors map back to the row).
 * Blank quantities mean zero.
 */
const lineQuantities = () =>
  vine
    .array(
      vine.object({
        id: recordId(),
        quantity: vine.number().withoutDecimals().min(0).max(100_000).optional(),
      })
    )
    .maxLength(500)
    .optional()

/** Money typed in major units ("12.50"); the controller turns it into minor units. */
export const refundValidator = vine.compile(
  vine.object({
    amount: vine.number().decimal([0, 2]).min(0.01).max(10_000_000),
    reason: vine.string().trim().maxLength(255).optional(),
    restock: lineQuantities(),
    confirm: vine.accepted(),
  })
)

export const cancelValidator = vine.compile(
  vine.object({
    reason: vine.string().trim().minLength(2).maxLength(255),
    refund_remaining: vine.boolean().optional(),
    confirm: vine.accepted(),
  })
)

export const noteValidator = vine.compile(
  vine.object({
    body: vine.string().trim().minLength(1).maxLength(5000),
  })
)

export const fulfillValidator = vine.compile(
  vine.object({
    lines: lineQuantities(),
    carrier: vine.string().trim().maxLength(64).optional(),
    tracking_number: vine.string().trim().maxLength(128).optional().requiredIfExists('tracking_url'),
    tracking_url: vine.string().trim().url({ require_protocol: true, protocols: ['http', 'https'] }).maxLength(2000).optional(),
  })
)

/** Form entries → `[{ orderLineId, quantity }]`, dropping zeros. */
export function toLineQuantities(entries: Array<{ id: number; quantity?: number }> | undefined) {
  return (entries ?? [])
    .map((entry) => ({ orderLineId: entry.id, quantity: entry.quantity ?? 0 }))
    .filter((line) => line.quantity > 0)
}

/**
 * The body parser turns `lines[25][id]` into an object once indexes pass its
 * array limit; the validators want a list either way.
 */
export function withLineLists(body: Record<string, unknown>, ...fields: string[]) {
  const copy = { ...body }
  for (const field of fields) {
    const value = copy[field]
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      copy[field] = Object.entries(value)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, entry]) => entry)
    }
  }
  return copy
}

/**
 * Bulk fulfillment from the list: the ticked orders, or every order that
 * can ship among those matching the list's filters (sent in the query string).
 */
export const bulkFulfillValidator = vine.compile(
  vine.object({
    scope: vine.enum(['selected', 'filter'] as const),
    order_ids: vine.array(recordId()).maxLength(500).optional(),
    carrier: vine.string().trim().maxLength(64).optional(),
  })
)

/** A staff tag: lowercase words, digits, dashes ("gift", "vip", "fraud-check"). */
export const ORDER_TAG_PATTERN = /^[a-z0-9][a-z0-9 _-]{0,39}$/

export const orderTagValidator = vine.compile(
  vine.object({
    tag: vine.string().trim().toLowerCase().maxLength(40).regex(ORDER_TAG_PATTERN),
  })
)

/** Saving the list's current filters under a name. */
export const savedViewValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(60),
    query: vine.string().trim().maxLength(1000).optional(),
  })
)

export const pickListValidator = vine.compile(
  vine.object({
    order_ids: vine.array(recordId()).maxLength(500),
  })
)
