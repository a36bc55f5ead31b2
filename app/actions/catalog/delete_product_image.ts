import db from '@adonisjs/lucid/services/db'
import ProductImage from '#models/product_image'
import { recordAudit } from '#services/audit_log'
import type { Actor } from '#services/actor'
import { recordEvent } from '#plugin_host/outbox'
import { invalidateProducts } from '#catalog/catalog_cache'
import { dbTimestamp } from '#services/db_time'
import { deleteStoredFiles, storedKeysOf } from '#catalog/product_media'
import { imageIdsInOrder, lockProductImages, writeImageOrder } from '#catalog/product_image_order'

/**
 * Removes a picture: the row, its variants' links to it (variants.image_id
 * has no foreign key) and the gap in the positions, in one transaction; the
 * stored files after it committed. Answers false when it was already gone.
 */
export default class DeleteProductImage {
  async handle(productId: number, imageId: number, actor: Actor) {
    const deleted = await db.transaction(async (trx) => {
      await lockProductImages(productId, trx)
      const image = await ProductImage.query({ client: trx }).where('id', imageId).where('product_id', productId).first()
      if (!image) return null
      await trx.from('variants').where('product_id', productId).where('image_id', imageId).update({ image_id: null, updated_at: dbTimestamp(trx) })
      await image.delete()
      await writeImageOrder(productId, await imageIdsInOrder(productId, trx), trx)
      await recordAudit(
        {
          actor,
          action: 'product.image_deleted',
          subjectType: 'product',
          subjectId: productId,
          changes: { imageId, storageKey: image.storageKey, sourceUrl: image.sourceUrl, alt: image.alt },
        },
        trx
      )
      await recordEvent('ProductUpdated', { productId }, trx)
      return image
    })
    if (!deleted) return false
    await invalidateProducts([productId])
    await deleteStoredFiles(storedKeysOf(deleted))
    return true
  }
}
