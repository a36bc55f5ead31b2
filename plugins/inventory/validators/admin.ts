import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

/** Reasons staff may give by hand; sales, returns and imports come from their own flows. */
export const STAFF_ADJUSTMENT_REASONS = ['received', 'damaged', 'count', 'correction'] as const
export type StaffAdjustmentReason = (typeof STAFF_ADJUSTMENT_REASONS)[number]

/** Admin › Inventory filters, from the query string (blank fields dropped first). */
export const levelFiltersValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(120).optional(),
    location: recordId().optional(),
    low: vine.accepted().optional(),
    /** keyset cursor: the last row of the previous page, "variantId-locationId" */
    after: vine.string().regex(/^\d{1,10}-\d{1,10}$/).optional(),
  })
)
export type LevelFilters = Infer<typeof levelFiltersValidator>

/**
 * One adjustment. For `count` the quantity is the number of units found on
 * the shelf (the new on-hand); for the other reasons it is a change: positive
 * for `received`, taken off for `damaged`, either sign for `correction`.
 */
export const adjustmentValidator = vine.compile(
  vine.object({
    locationId: recordId(),
    reason: vine.enum(STAFF_ADJUSTMENT_REASONS),
    quantity: vine.number().withoutDecimals().min(-1_000_000).max(1_000_000),
    note: vine.string().trim().maxLength(200).optional(),
  })
)
export type AdjustmentInput = Infer<typeof adjustmentValidator>

export const transferValidator = vine.compile(
  vine.object({
    fromLocationId: recordId(),
    toLocationId: recordId(),
    quantity: vine.number().withoutDecimals().min(1).max(1_000_000),
    note: vine.string().trim().maxLength(200).optional(),
  })
)
export type TransferInput = Infer<typeof transferValidator>

export const locationValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    code: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/)
      .optional(),
  })
)
export type LocationInput = Infer<typeof locationValidator>

export const historyFiltersValidator = vine.compile(
  vine.object({
    /** keyset cursor: the id of the last movement shown */
    before: recordId().optional(),
  })
)
