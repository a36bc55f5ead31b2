import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import { handleSchema } from '#validators/product'

export const collectionSortOrders = ['manual', 'title-asc', 'title-desc', 'price-asc', 'price-desc', 'created-desc'] as const
/** The conditions the admin editor offers: tag is, type is, vendor is, price below, price above. */
export const collectionRuleFields = ['tag', 'type', 'vendor', 'price_below', 'price_above'] as const
export type CollectionRuleField = (typeof collectionRuleFields)[number]
export const MAX_COLLECTION_RULES = 10

const ruleSchema = vine.object({
  /** blank rows of the editor are ignored */
  field: vine.enum(collectionRuleFields).optional(),
  value: vine.string().trim().maxLength(255).optional(),
})

const memberSchema = vine.object({
  id: recordId(),
  position: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  remove: vine.boolean().optional(),
})

/** Admin › Collections › New and Edit. */
export const collectionValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(1).maxLength(255),
    handle: handleSchema(),
    description: vine.string().maxLength(100_000).optional(),
    kind: vine.enum(['manual', 'smart'] as const),
    published: vine.boolean().optional(),
    sortOrder: vine.enum(collectionSortOrders),
    seoTitle: vine.string().trim().maxLength(255).optional(),
    seoDescription: vine.string().trim().maxLength(320).optional(),
    rules: vine.array(ruleSchema).maxLength(MAX_COLLECTION_RULES).optional(),
    /** current members of a manual collection with their positions */
    members: vine.array(memberSchema).maxLength(5000).optional(),
    /** products ticked in the picker, appended at the end */
    addIds: vine.array(recordId()).maxLength(500).optional(),
  })
)

export type CollectionInput = Infer<typeof collectionValidator>

/** The product picker's search box. */
export const collectionPickerValidator = vine.compile(
  vine.object({ q: vine.string().trim().maxLength(120).optional() })
)
