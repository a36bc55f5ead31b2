import vine, { recordId } from '#validators/vine'
import type { Infer } from '@vinejs/vine/types'

/** Most files in one upload; each is checked and resized before the response. */
export const MAX_FILES_PER_UPLOAD = 10

/** The upload form: one or several files under `images[]` (content is checked by sharp later). */
export const uploadImagesValidator = vine.compile(
  vine.object({
    images: vine.array(vine.file()).minLength(1).maxLength(MAX_FILES_PER_UPLOAD),
  })
)

/** A picture's alt text and the variants it shows. */
export const productImageValidator = vine.compile(
  vine.object({
    alt: vine.string().trim().maxLength(512).optional(),
    variantIds: vine.array(recordId()).maxLength(500).optional(),
  })
)

export type ProductImageInput = Infer<typeof productImageValidator>

export const moveImageValidator = vine.compile(
  vine.object({
    direction: vine.enum(['up', 'down', 'first'] as const),
  })
)

/** The editor's drag and drop: every picture id of the product, in the new order. */
export const imageOrderValidator = vine.compile(
  vine.object({
    imageIds: vine.array(vine.number().withoutDecimals().positive()).minLength(1).maxLength(500),
  })
)
