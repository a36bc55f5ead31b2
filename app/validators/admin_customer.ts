import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

export const customerSorts = ['-created', 'created', '-ltv', 'ltv', '-last_order', 'name'] as const

/** Admin › Customers filters, from the query string (blank fields are dropped before validation). */
export const customerFiltersValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(120).optional(),
    orders: vine.enum(['yes', 'no'] as const).optional(),
    tag: vine.string().trim().toLowerCase().maxLength(64).optional(),
    sort: vine.enum(customerSorts).optional(),
    page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  })
)
export type CustomerFilters = Infer<typeof customerFiltersValidator>

/** "wholesale, VIP" as typed in one field; normalised to lower-case, unique, at most 20. */
export const customerTagsValidator = vine.compile(
  vine.object({
    tags: vine
      .string()
      .trim()
      .maxLength(1000)
      .transform((value) => [...new Set(value.split(',').map((tag) => tag.trim().toLowerCase()).filter(Boolean))])
      .optional(),
  })
)

/** Checks each tag once split; kept apart because VineJS validates before `transform`. */
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,63}$/u
export const MAX_CUSTOMER_TAGS = 20

export const customerNoteValidator = vine.compile(
  vine.object({
    body: vine.string().trim().minLength(1).maxLength(5000),
  })
)
