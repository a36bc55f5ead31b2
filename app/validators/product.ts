import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'
import { PRODUCT_STATUSES } from '#models/product'

/** Most option axes a product may have: variants store option1..option3. */
export const MAX_OPTIONS = 3
/** Guard against a combinatorial explosion from a careless paste of values. */
export const MAX_VARIANTS = 100

/** Blank form fields mean "not set"; vine's optional() treats '' as a value. */
const text = (max: number) => vine.string().trim().maxLength(max).optional()
/** Money is typed in major units ("19.99") and stored in minor units by the action. */
const money = () => vine.number().min(0).max(10_000_000).decimal([0, 2]).optional()

/** A URL handle: lowercase words joined by single hyphens. Blank means "make one from the title". */
export const handleSchema = () =>
  vine
    .string()
    .trim()
    .toLowerCase()
    .maxLength(255)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .optional()

const optionSchema = vine.object({
  name: text(60),
  /** comma-separated values, e.g. "S, M, L" */
  values: text(1000),
})

const variantSchema = vine.object({
  id: recordId().optional(),
  option1: text(255),
  option2: text(255),
  option3: text(255),
  sku: text(120),
  price: money(),
  compareAtPrice: money(),
  cost: money(),
  weightGrams: vine.number().withoutDecimals().min(0).max(10_000_000).optional(),
  barcode: text(64),
  trackInventory: vine.boolean().optional(),
  stockOnHand: vine.number().withoutDecimals().min(0).max(10_000_000).optional(),
  /** the stock figure the editor showed; stock is adjusted only when the field changed */
  stockShown: vine.number().withoutDecimals().min(0).optional(),
})

const productFields = {
  title: vine.string().trim().minLength(1).maxLength(255),
  handle: handleSchema(),
  description: vine.string().maxLength(100_000).optional(),
  vendor: text(255),
  productType: text(255),
  /** comma-separated */
  tags: text(2000),
  status: vine.enum(PRODUCT_STATUSES),
  seoTitle: text(255),
  seoDescription: text(320),
  options: vine.array(optionSchema).maxLength(MAX_OPTIONS).optional(),
  variants: vine.array(variantSchema).maxLength(MAX_VARIANTS).optional(),
  /** must be ticked before a save deletes variants whose option values disappeared */
  confirmRemoval: vine.boolean().optional(),
}

/** Admin › Products › New. */
export const createProductValidator = vine.compile(vine.object(productFields))

/** Admin › Products › Edit: the same fields plus the version the editor loaded. */
export const updateProductValidator = vine.compile(
  vine.object({ ...productFields, lockVersion: recordId() })
)

export type CreateProductInput = Infer<typeof createProductValidator>
export type UpdateProductInput = Infer<typeof updateProductValidator>
export type ProductVariantInput = NonNullable<CreateProductInput['variants']>[number]

export const productSorts = ['title', '-title', 'updated', '-updated', 'price', '-price'] as const

/** Query-string filters of Admin › Products (all optional). */
export const productFiltersValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(120).optional(),
    status: vine.enum(PRODUCT_STATUSES).optional(),
    vendor: vine.string().trim().maxLength(255).optional(),
    type: vine.string().trim().maxLength(255).optional(),
    tag: vine.string().trim().maxLength(255).optional(),
    sort: vine.enum(productSorts).optional(),
    page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  })
)

export type ProductFilters = Infer<typeof productFiltersValidator>

export const bulkProductActions = ['publish', 'unpublish', 'archive', 'add_tag', 'remove_tag', 'delete'] as const
export type BulkProductAction = (typeof bulkProductActions)[number]

/** The bulk bar of Admin › Products: selected ids and what to do with them. */
export const bulkProductsValidator = vine.compile(
  vine.object({
    ids: vine.array(recordId()).minLength(1).maxLength(500),
    action: vine.enum(bulkProductActions),
    tag: vine.string().trim().minLength(1).maxLength(255).optional().requiredWhen('action', 'in', ['add_tag', 'remove_tag']),
    confirm: vine.boolean().optional(),
  })
)

export type BulkProductsInput = Infer<typeof bulkProductsValidator>
