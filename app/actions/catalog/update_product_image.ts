import db from '@adonisjs/lucid/services/db'
import ProductImage from '#models/product_image'
import { diffChanges, recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { recordEvent } from '#plugin_host/outbox'
import { invalidateProducts } from '#catalog/catalog_cache'
import { dbTimestamp } from '#services/db_time'
import { CatalogInputError } from '#exceptions/catalog_errors'
import type { ProductImageInput } from '#validators/product_image'

/**
 * Saves a picture's alt text and the variants it shows (a variant has one
 * picture, `variants.image_id`, which the storefront switches to when the
 * variant is picked; several variants may share one). Variants ticked here
 * move to this picture; variants no longer ticked lose it.
 */
export default class UpdateProductImage {
  async handle(productId: number, imageId: number, input: ProductImageInput, actor: Actor) {
    const variantIds = [...new Set(input.variantIds ?? [])]
    await db.transaction(async (trx) => {
      const image = await ProductImage.query({ client: trx }).where('id', imageId).where('product_id', productId).firstOrFail()
      const owned = await trx.from('variants').where('product_id', productId).select('id', 'image_id')
      const ownedIds = new Set(owned.map((row) => Number(row.id)))
      if (variantIds.some((id) => !ownedIds.has(id))) {
        throw new CatalogInputError({ variantIds: 'Pick variants of this product only.' })
      }
      const before = {
        alt: image.alt,
        variantIds: owned.filter((row) => Number(row.image_id) === imageId).map((row) => Number(row.id)).sort((a, b) => a - b),
      }

      image.alt = input.alt ?? null
      await image.save()
      const now = dbTimestamp(trx)
      await trx.from('variants').where('product_id', productId).where('image_id', imageId).whereNotIn('id', variantIds).update({ image_id: null, updated_at: now })
      if (variantIds.length) {
        await trx.from('variants').where('product_id', productId).whereIn('id', variantIds).update({ image_id: imageId, updated_at: now })
      }

      const changes = diffChanges(before, { alt: image.alt, variantIds: variantIds.sort((a, b) => a - b) })
      if (Object.keys(changes).length) {
        await recordAudit({ actor, action: 'product.image_updated', subjectType: 'product', subjectId: productId, changes: { imageId, ...changes } }, trx)
        await recordEvent('ProductUpdated', { productId }, trx)
      }
    })
    await invalidateProducts([productId])
  }
}
