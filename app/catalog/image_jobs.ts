import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import jobs from '#services/jobs'
import { affectedRows, dbTimestamp } from '#services/db_time'

/**
 * Bookkeeping around the image jobs (fetching imported images, adding AVIF
 * copies) that uploads, imports, jobs and the CLI share; the work itself is
 * in the FetchProductImage and AddAvifRenditions actions.
 */
export const ENCODE_AVIF_JOB = 'catalog.encode_avif'

/**
 * Queues AVIF encoding for freshly stored images. Called after the upload
 * committed; a queue that cannot be reached costs the AVIF copies, never the
 * upload, so it is logged, not thrown.
 */
export async function queueAvif(imageIds: number[]) {
  for (const imageId of imageIds) {
    try {
      await jobs.dispatch(ENCODE_AVIF_JOB, { imageId }, { dedupeKey: `${ENCODE_AVIF_JOB}:${imageId}` })
    } catch (error) {
      logger.warn({ err: error, imageId }, 'could not queue AVIF encoding')
    }
  }
}

/** Records why a pending image could not be fetched. Answers false if it was no longer pending. */
export async function markImageFailed(imageId: number, reason: string) {
  const updated = await db
    .from('product_images')
    .where('id', imageId)
    .where('status', 'pending')
    .update({ status: 'failed', error: reason.slice(0, 512), updated_at: dbTimestamp() })
  return affectedRows(updated) > 0
}

/** The newest image id now: images an import adds from here on have larger ids. */
export async function lastImageId() {
  const row = await db.from('product_images').max('id as last').first()
  return Number(row?.last ?? 0)
}
