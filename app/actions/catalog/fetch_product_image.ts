import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import ProductImage from '#models/product_image'
import { markImageFailed, queueAvif } from '#catalog/image_jobs'
import { invalidateProducts } from '#catalog/catalog_cache'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { ImageRejectedError, processImage } from '#catalog/image_processing'
import { downloadImage, ImageDownloadError, type DownloadOptions } from '#import_export/image_download'
import { deleteStoredFiles, storeProcessedImage, storedKeysOf } from '#catalog/product_media'

export type FetchOutcome = 'ready' | 'failed' | 'skipped'

/**
 * Turns an imported image (status "pending", only a `source_url`) into a
 * stored one: download with a timeout and a byte limit, the same content
 * checks and WebP widths as an upload, then "ready". A failure that asking
 * again cannot fix (404, not an image, too large) marks it "failed" with the
 * reason at once; a passing one (timeout, 5xx) is thrown so the job retries,
 * and `markImageFailed` records it after the last attempt.
 *
 * Safe to run twice: the row only becomes ready `WHERE status = 'pending'`,
 * and the loser of a race removes its files.
 */
export default class FetchProductImage {
  async handle(imageId: number, options: DownloadOptions = {}): Promise<FetchOutcome> {
    const image = await ProductImage.find(imageId)
    if (!image || image.status !== 'pending' || !image.sourceUrl) return 'skipped'

    let processed
    try {
      processed = await processImage(await downloadImage(image.sourceUrl, options))
    } catch (error) {
      const permanent = error instanceof ImageRejectedError || (error instanceof ImageDownloadError && error.permanent)
      if (!permanent) throw error
      return (await markImageFailed(imageId, (error as Error).message)) ? 'failed' : 'skipped'
    }

    const stored = await storeProcessedImage(image.productId, processed)
    const { width, height, bytes, mime } = processed.original
    const updated = await db
      .from('product_images')
      .where('id', imageId)
      .where('status', 'pending')
      .update({
        storage_key: stored.storageKey,
        renditions: JSON.stringify(stored.renditions),
        width,
        height,
        byte_size: bytes,
        mime_type: mime,
        status: 'ready',
        error: null,
        updated_at: dbTimestamp(),
      })
    if (affectedRows(updated) === 0) {
      // deleted, or another worker finished first
      await deleteStoredFiles(storedKeysOf(stored))
      return 'skipped'
    }
    logger.info({ imageId, productId: image.productId, ms: processed.ms }, 'imported image fetched')
    await invalidateProducts([image.productId])
    await queueAvif([imageId])
    return 'ready'
  }
}
