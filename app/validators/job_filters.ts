import vine from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import { jobStates } from '#jobs/queue'

/** Query-string filters of Admin › Jobs: failed jobs unless another state is asked for. */
export const jobFiltersValidator = vine.compile(
  vine.object({
    state: vine.enum(jobStates).optional(),
    page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  })
)

export type JobFilters = Infer<typeof jobFiltersValidator>

/** Job ids as both drivers write them: row ids, or BullMQ ids (digits, or our dedupe keys). */
export const jobIdValidator = vine.compile(
  vine.object({
    id: vine.string().trim().regex(/^[A-Za-z0-9._-]{1,200}$/),
  })
)
