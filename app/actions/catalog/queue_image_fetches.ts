import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { affectedRows, dbTimestamp } from '#services/db_time'
import { FETCH_IMAGE_JOB } from '#jobs/fetch_image_job'

export interface QueueImageFetchesOptions {
  /** set failed images back to pending and fetch them again */
  retryFailed?: boolean
  /** only these products' images */
  productIds?: number[]
  /** only images added after this id (an import queues the images it added) */
  afterImageId?: number
  /** at most this many images (oldest first) */
  limit?: number
}

/**
 * Queues one `catalog.fetch_image` job per pending imported image. The
 * dedupe key holds the image's fetch round, so running this again (from
 * cron) does not queue an image twice, yet a failed image set back to
 * pending (a new round) gets a fresh job. Answers the images queued.
 */
export default class QueueImageFetches {
  async handle(options: QueueImageFetchesOptions = {}) {
    const scope = (query: ReturnType<typeof db.from>) => {
      query.whereNotNull('source_url')
      if (options.productIds) query.whereIn('product_id', options.productIds)
      if (options.afterImageId !== undefined) query.where('id', '>', options.afterImageId)
      return query
    }
    let retried = 0
    if (options.retryFailed) {
      retried = affectedRows(
        await scope(db.from('product_images').where('status', 'failed')).update({
          status: 'pending',
          error: null,
          fetch_round: db.knexRawQuery('fetch_round + 1'),
          updated_at: dbTimestamp(),
        })
      )
    }
    const query = scope(db.from('product_images').where('status', 'pending')).orderBy('id').select('id', 'fetch_round')
    if (options.limit) query.limit(options.limit)
    const rows = await query
    for (const row of rows) {
      const dedupeKey = `${FETCH_IMAGE_JOB}:${row.id}:${row.fetch_round}`
      await jobs.dispatch(FETCH_IMAGE_JOB, { imageId: Number(row.id) }, { dedupeKey })
    }
    return { queued: rows.length, retried, imageIds: rows.map((row) => Number(row.id)) }
  }
}
