import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import ProductImage from '#models/product_image'
import { invalidateProducts } from '#catalog/catalog_cache'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { encodeAvif } from '#catalog/image_processing'
import { deleteStoredFiles, readStoredFile, storeAvifRenditions } from '#catalog/product_media'

/**
 * Adds AVIF copies, at the widths of its WebP ones, to a ready image. AVIF
 * costs about as much again as all the WebP widths, so it runs as a job
 * after the upload (or fetch) instead of inside it; until it is done the
 * storefront serves WebP only. Skips images that are gone, replaced, not
 * processed (stored before processing existed) or already done. The seed
 * queues none for its drawn demo pictures: their WebP widths are small.
 */
export default class AddAvifRenditions {
  async handle(imageId: number): Promise<'added' | 'skipped'> {
    const image = await ProductImage.find(imageId)
    const renditions = image?.renditions ?? []
    if (!image || image.status !== 'ready' || !image.storageKey || !renditions.length) return 'skipped'
    if (renditions.some((rendition) => rendition.format === 'avif')) return 'skipped'

    const encoded = await encodeAvif(await readStoredFile(image.storageKey), renditions.map((rendition) => rendition.width))
    const avif = await storeAvifRenditions(image.storageKey, encoded.renditions)
    // Only onto the rows this job read: a re-processed or deleted image keeps what it has.
    const updated = await db
      .from('product_images')
      .where('id', imageId)
      .where('storage_key', image.storageKey)
      .where('status', 'ready')
      .update({ renditions: JSON.stringify([...renditions, ...avif]), updated_at: dbTimestamp() })
    if (affectedRows(updated) === 0) {
      await deleteStoredFiles(avif.map((rendition) => rendition.key))
      return 'skipped'
    }
    logger.info({ imageId, ms: encoded.ms }, 'AVIF copies added')
    await invalidateProducts([image.productId])
    return 'added'
  }
}
